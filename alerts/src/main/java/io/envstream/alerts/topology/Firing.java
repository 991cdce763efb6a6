package io.envstream.alerts.topology;

import io.envstream.alerts.rules.AlertRule;
import io.envstream.schemas.avro.Alert;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Builds an {@link Alert} and forwards it to the alerts topic; its id is what makes a firing unique. */
final class Firing {

	private Firing() {
	}

	static void forward(ProcessorContext<String, Alert> context, AlertRule rule, String envId, String summary,
			double observed, double threshold, long windowStart, long firedAt) {
		Alert alert = Alert.newBuilder()
			.setAlertId(alertId(rule.id(), envId, windowStart))
			.setRuleId(rule.id())
			.setRuleName(rule.name())
			.setKind(rule.kind())
			.setEnvId(envId)
			.setSummary(summary)
			.setObserved(observed)
			.setThreshold(threshold)
			.setWindowStartMillis(windowStart)
			.setFiredMillis(firedAt)
			.build();
		context.forward(new Record<>(envId, alert, firedAt));
	}

	static String alertId(long ruleId, String envId, long windowStart) {
		return ruleId + ":" + envId + ":" + windowStart;
	}

}
