package io.envstream.alerts.webhooks;

import io.envstream.alerts.AlertsProperties.Format;
import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.AlertKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPayloadsTests {

	private final WebhookPayloads payloads = new WebhookPayloads(JsonMapper.builder().build());

	private final Alert alert = Alert.newBuilder()
		.setAlertId("7:checkout:1767261600000")
		.setRuleId(7)
		.setRuleName("errors in \"checkout\"")
		.setKind(AlertKind.LOG_PATTERN)
		.setEnvId("checkout")
		.setSummary("5 lines matched ERROR within 60 s")
		.setObserved(5)
		.setThreshold(5)
		.setWindowStartMillis(1_767_261_600_000L)
		.setFiredMillis(1_767_261_631_000L)
		.build();

	@Test
	void genericJsonCarriesEveryFieldWithTimesInIso8601() {
		assertThat(this.payloads.body(this.alert, Format.JSON)).isEqualTo("{\"alertId\":\"7:checkout:1767261600000\","
				+ "\"ruleId\":7,\"ruleName\":\"errors in \\\"checkout\\\"\",\"kind\":\"LOG_PATTERN\",\"envId\":\"checkout\","
				+ "\"summary\":\"5 lines matched ERROR within 60 s\",\"observed\":5.0,\"threshold\":5.0,"
				+ "\"windowStart\":\"2026-01-01T10:00:00Z\",\"fired\":\"2026-01-01T10:00:31Z\"}");
	}

	@Test
	void slackPayloadIsOneTextNamingTheRuleTheEnvironmentAndTheAlert() {
		assertThat(this.payloads.body(this.alert, Format.SLACK)).isEqualTo("{\"text\":\":rotating_light: *errors in "
				+ "\\\"checkout\\\"* on `checkout`: 5 lines matched ERROR within 60 s (alert 7:checkout:1767261600000)\"}");
	}

}
