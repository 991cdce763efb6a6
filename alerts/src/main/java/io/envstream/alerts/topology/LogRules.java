package io.envstream.alerts.topology;

import java.util.List;

import io.envstream.alerts.rules.AlertRule;
import io.envstream.alerts.rules.RuleSource;
import io.envstream.schemas.avro.AlertKind;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import org.apache.kafka.streams.processor.api.Record;

/** LOG_PATTERN rules: counts the matching lines per window and fires when the count reaches {@code atLeast}. */
final class LogRules extends RuleProcessor<LogBatch> {

	static final String STORE = "alerts-log-windows";

	LogRules(RuleSource rules) {
		super(rules, AlertKind.LOG_PATTERN, STORE);
	}

	@Override
	public void process(Record<String, LogBatch> record) {
		String envId = record.value().getEnvId();
		List<AlertRule> watching = this.selected.rules(envId);
		for (LogEntry entry : record.value().getEntries()) {
			for (AlertRule rule : watching) {
				if (rule.pattern().find(entry.getMessage())) {
					count(rule, envId, entry.getTimestampNanos() / 1_000_000);
				}
			}
		}
	}

	private void count(AlertRule rule, String envId, long timestamp) {
		Window window = this.state.count(rule, envId, timestamp);
		if (window != null && !window.fired() && window.count() >= rule.atLeast()) {
			this.state.put(rule, envId, window.firing());
			Firing.forward(this.context, rule, envId, window.count() + " lines matched " + rule.pattern()
					+ " within " + rule.window().toSeconds() + " s", window.count(), rule.atLeast(), window.start(),
					timestamp);
		}
	}

}
