package io.envstream.alerts.webhooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.envstream.alerts.AlertsProperties.Format;
import io.envstream.schemas.avro.Alert;
import tools.jackson.databind.json.JsonMapper;

/** The body posted for an alert, in a webhook's format. */
final class WebhookPayloads {

	private final JsonMapper json;

	WebhookPayloads(JsonMapper json) {
		this.json = json;
	}

	String body(Alert alert, Format format) {
		return this.json.writeValueAsString((format == Format.SLACK) ? slack(alert) : generic(alert));
	}

	private static Map<String, Object> generic(Alert alert) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("alertId", alert.getAlertId());
		body.put("ruleId", alert.getRuleId());
		body.put("ruleName", alert.getRuleName());
		body.put("kind", alert.getKind().name());
		body.put("envId", alert.getEnvId());
		body.put("summary", alert.getSummary());
		body.put("observed", alert.getObserved());
		body.put("threshold", alert.getThreshold());
		body.put("windowStart", Instant.ofEpochMilli(alert.getWindowStartMillis()).toString());
		body.put("fired", Instant.ofEpochMilli(alert.getFiredMillis()).toString());
		return body;
	}

	/** What a Slack incoming webhook takes: one text, markdown allowed. */
	private static Map<String, Object> slack(Alert alert) {
		return Map.of("text", ":rotating_light: *" + alert.getRuleName() + "* on `" + alert.getEnvId() + "`: "
				+ alert.getSummary() + " (alert " + alert.getAlertId() + ")");
	}

}
