package io.envstream.gateway.status;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.AlertKind;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusMessagesTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static final JsonSchema schema = JsonSchemaFactory.getInstance(VersionFlag.V202012)
		.getSchema(SchemaLocation.of("classpath:protocol/json-schema/status-server-message.schema.json"),
				SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

	static EnvironmentStatus status(Status status, Integer exitCode, String health, long millis) {
		return EnvironmentStatus.newBuilder()
			.setEnvId("env-1")
			.setStatus(status)
			.setExitCode(exitCode)
			.setHealth(health)
			.setContainerId("c-1")
			.setHostId("host-1")
			.setTimestampMillis(millis)
			.build();
	}

	static ContainerMetrics sample(String containerId, double cpu, long memory, long limit, long millis) {
		return ContainerMetrics.newBuilder()
			.setEnvId("env-1")
			.setContainerId(containerId)
			.setHostId("host-1")
			.setCpuPercent(cpu)
			.setMemoryBytes(memory)
			.setMemoryLimitBytes(limit)
			.setNetRxBytes(1_024_000)
			.setNetTxBytes(512_000)
			.setBlkReadBytes(0)
			.setBlkWriteBytes(0)
			.setPids(3)
			.setTimestampMillis(millis)
			.build();
	}

	static Alert alert(String environmentId, String summary, long firedMillis) {
		return Alert.newBuilder()
			.setAlertId("7:" + environmentId + ":1767261600000")
			.setRuleId(7)
			.setRuleName("errors in \"" + environmentId + "\"")
			.setKind(AlertKind.LOG_PATTERN)
			.setEnvId(environmentId)
			.setSummary(summary)
			.setObserved(5)
			.setThreshold(4.5)
			.setWindowStartMillis(1_767_261_600_000L)
			.setFiredMillis(firedMillis)
			.build();
	}

	private static JsonNode valid(String text) throws Exception {
		JsonNode node = json.readTree(text);
		assertThat(schema.validate(node)).as(text).isEmpty();
		return node;
	}

	@Test
	void writesAStateWithItsExitCodeAndHealthWhenItHasThem() throws Exception {
		JsonNode running = valid(StatusMessages.status(status(Status.RUNNING, null, null, 1_759_320_000_000L)));
		assertThat(running.toString())
			.isEqualTo("{\"type\":\"status\",\"status\":\"running\",\"timestamp\":\"2025-10-01T12:00:00.000Z\"}");
		JsonNode exited = valid(StatusMessages.status(status(Status.EXITED, 3, "unhealthy", 1_759_320_000_123L)));
		assertThat(exited.path("status").asText()).isEqualTo("exited");
		assertThat(exited.path("exitCode").asInt()).isEqualTo(3);
		assertThat(exited.path("health").asText()).isEqualTo("unhealthy");
		assertThat(exited.path("timestamp").asText()).isEqualTo("2025-10-01T12:00:00.123Z");
	}

	@Test
	void writesEveryStateTheSchemaKnowsAndLeavesOutHealthItDoesNot() throws Exception {
		for (Status value : Status.values()) {
			valid(StatusMessages.status(status(value, null, null, 1L)));
		}
		assertThat(valid(StatusMessages.status(status(Status.RUNNING, null, "none", 1L))).has("health")).isFalse();
	}

	@Test
	void writesASampleInMebibytesAndPercentToTwoDecimals() throws Exception {
		JsonNode metrics = valid(StatusMessages.metrics(sample("c-1", 45.2049, 2048L * 1024 * 1024 + 5000,
				4096L * 1024 * 1024, 1_759_320_000_000L)));
		assertThat(metrics.path("cpu").asDouble()).isEqualTo(45.2);
		assertThat(metrics.path("memory").asDouble()).isEqualTo(2048.0);
		assertThat(metrics.path("memoryLimit").asDouble()).isEqualTo(4096.0);
		assertThat(metrics.path("network").path("rx").asLong()).isEqualTo(1_024_000);
		assertThat(metrics.path("network").path("tx").asLong()).isEqualTo(512_000);
		assertThat(metrics.path("timestamp").asText()).isEqualTo("2025-10-01T12:00:00.000Z");
		assertThat(valid(StatusMessages.metrics(sample("c-1", 187.456, 1, 0, 1L))).path("cpu").asDouble())
			.isEqualTo(187.46);
	}

	@Test
	void writesTheRecentSamplesAsTheLatestWithTheEarlierOnesOldestFirst() throws Exception {
		JsonNode metrics = valid(StatusMessages.metrics(List.of(sample("c-1", 1, 1, 1, 1_000L),
				sample("c-1", 2, 1, 1, 2_000L), sample("c-1", 3, 1, 1, 3_000L))));
		assertThat(metrics.path("cpu").asDouble()).isEqualTo(3.0);
		assertThat(metrics.path("recent").findValuesAsText("timestamp")).containsExactly("1970-01-01T00:00:01.000Z",
				"1970-01-01T00:00:02.000Z");
		assertThat(metrics.path("recent").get(0).has("type")).isFalse();
		assertThat(valid(StatusMessages.metrics(List.of(sample("c-1", 1, 1, 1, 1L)))).path("recent").isEmpty()).isTrue();
	}

	@Test
	void writesNoNegativeOrNonFiniteFigure() throws Exception {
		JsonNode metrics = valid(StatusMessages.metrics(sample("c-1", Double.NaN, -1, -1, 1L)));
		assertThat(metrics.path("cpu").asDouble()).isZero();
		assertThat(metrics.path("memory").asDouble()).isZero();
	}

	@Test
	void writesAnAlertWithTheWebhookNamesItsTimesAsTimestampsAndItsTextsEscaped() throws Exception {
		JsonNode alert = valid(StatusMessages.alert(alert("checkout", "5 lines matched \\bERROR\\b\n(tab\t)", 1_767_261_631_250L)));
		assertThat(alert.path("type").asText()).isEqualTo("alert");
		assertThat(alert.path("id").asText()).isEqualTo("7:checkout:1767261600000");
		assertThat(alert.path("ruleId").asLong()).isEqualTo(7);
		assertThat(alert.path("rule").asText()).isEqualTo("errors in \"checkout\"");
		assertThat(alert.path("kind").asText()).isEqualTo("LOG_PATTERN");
		assertThat(alert.path("summary").asText()).isEqualTo("5 lines matched \\bERROR\\b\n(tab\t)");
		assertThat(alert.path("observed").asDouble()).isEqualTo(5.0);
		assertThat(alert.path("threshold").asDouble()).isEqualTo(4.5);
		assertThat(alert.path("windowStart").asText()).isEqualTo("2026-01-01T10:00:00.000Z");
		assertThat(alert.path("fired").asText()).isEqualTo("2026-01-01T10:00:31.250Z");
	}

	@Test
	void tellsAnAlertWithANonFiniteNumberApart() {
		assertThat(StatusMessages.writable(alert("env-1", "s", 1))).isTrue();
		assertThat(StatusMessages.writable(Alert.newBuilder(alert("env-1", "s", 1)).setObserved(Double.NaN).build()))
			.isFalse();
		assertThat(StatusMessages
			.writable(Alert.newBuilder(alert("env-1", "s", 1)).setThreshold(Double.POSITIVE_INFINITY).build()))
			.isFalse();
	}

}
