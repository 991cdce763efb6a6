package io.envstream.alerts.topology;

import io.envstream.alerts.rules.AlertRule;
import io.envstream.alerts.rules.RuleSource;
import io.envstream.schemas.avro.AlertKind;
import io.envstream.schemas.avro.ContainerMetrics;
import org.apache.kafka.streams.processor.api.Record;

/**
 * METRIC_THRESHOLD rules: a breach starts with the first sample above the threshold and ends with the first one
 * at or below it; the rule fires once per breach, when a sample shows it lasted {@code forDuration}.
 */
final class MetricRules extends RuleProcessor<ContainerMetrics> {

	static final String STORE = "alerts-metric-breaches";

	MetricRules(RuleSource rules) {
		super(rules, AlertKind.METRIC_THRESHOLD, STORE);
	}

	@Override
	public void process(Record<String, ContainerMetrics> record) {
		ContainerMetrics sample = record.value();
		String envId = sample.getEnvId();
		long timestamp = sample.getTimestampMillis();
		for (AlertRule rule : this.selected.rules(envId)) {
			double value = rule.metric().of(sample);
			if (value <= rule.above()) {
				this.state.clear(rule, envId);
				continue;
			}
			Window breach = this.state.get(rule, envId);
			if (breach == null) {
				breach = new Window(timestamp, 1, false);
				this.state.put(rule, envId, breach);
			}
			if (!breach.fired() && timestamp - breach.start() >= rule.forDuration().toMillis()) {
				this.state.put(rule, envId, breach.firing());
				Firing.forward(this.context, rule, envId, rule.metric() + " " + value + " above " + rule.above()
						+ " for " + rule.forDuration().toSeconds() + " s", value, rule.above(), breach.start(),
						timestamp);
			}
		}
	}

}
