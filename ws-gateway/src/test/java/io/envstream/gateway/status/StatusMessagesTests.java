package io.envstream.gateway.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
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
	void writesNoNegativeOrNonFiniteFigure() throws Exception {
		JsonNode metrics = valid(StatusMessages.metrics(sample("c-1", Double.NaN, -1, -1, 1L)));
		assertThat(metrics.path("cpu").asDouble()).isZero();
		assertThat(metrics.path("memory").asDouble()).isZero();
	}

}
