package io.envstream.processor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.envstream.processor.topology.DeadLetterHeaders;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PipelineIntegrationTests extends SharedProcessorContext {

	private final KafkaFixture kafka = KafkaFixture.shared();

	private final StoredLines stored = new StoredLines(PostgresFixture.shared().dataSource());

	private final JdbcTemplate jdbc = new JdbcTemplate(PostgresFixture.shared().dataSource());

	@Test
	void storesHundredThousandLinesOfTwentyEnvironmentsExactlyOnceAtTheirPositionsInOrder() {
		// given
		String prefix = "bulk-" + UUID.randomUUID();
		int environments = 20;
		int linesPerEnvironment = 5_000;

		// when
		try (LogLines lines = new LogLines(this.kafka.producerProps())) {
			lines.sendRange(prefix, environments, 0, linesPerEnvironment);
			lines.flush();
		}

		// then
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.stored.count(prefix) >= environments * linesPerEnvironment);
		this.stored.assertExactlyOnceInOrder(prefix, environments, linesPerEnvironment,
				this.kafka.consumerProps("check-" + prefix));
		this.stored.assertCountedOnceInActivity(prefix, (long) environments * linesPerEnvironment);
	}

	@Test
	void redactsSecretsBeforeTheyLeaveTheProcessor() {
		String environmentId = "secret-" + UUID.randomUUID();
		try (LogLines lines = new LogLines(this.kafka.producerProps())) {
			lines.send(environmentId, 0, "connecting with password=hunter2 and Bearer abcdefghijklmnop");
		}

		String message = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForList("SELECT message FROM log_lines WHERE environment_id = ?",
					String.class, environmentId), (messages) -> !messages.isEmpty())
			.get(0);
		assertThat(message).isEqualTo("connecting with password=[REDACTED] and Bearer [REDACTED]");
		assertThat(this.jdbc.queryForObject("SELECT metadata->>'redacted' FROM log_lines WHERE environment_id = ?",
				String.class, environmentId))
			.isEqualTo("secret-assignment,bearer-token");
	}

	@Test
	void sendsAnUndecodableLineToTheDeadLetterTopicWithTheReasonAndKeepsGoing() {
		String environmentId = "poison-" + UUID.randomUUID();
		byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
		try (KafkaProducer<String, byte[]> producer = bytesProducer(); LogLines lines = new LogLines(this.kafka.producerProps())) {
			producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), environmentId, garbage));
			producer.flush();
			lines.send(environmentId, 1);
		}

		ConsumerRecord<String, byte[]> dead = DeadLetterRecords.first(this.kafka, Topics.LOGS_RAW_DLT.name(), environmentId);
		assertThat(dead.value()).isEqualTo(garbage);
		assertThat(DeadLetterRecords.header(dead, DeadLetterHeaders.REASON)).startsWith("envstream.logs.raw: cannot decode LogEventBatch");
		await().atMost(Duration.ofSeconds(30)).until(() -> lineStored(environmentId));
	}

	@Test
	void persisterSendsAnUndecodableBatchToItsDeadLetterTopicAndStoresTheNextOne() {
		String environmentId = "poison-batch-" + UUID.randomUUID();
		LogEntry entry = new LogEntry(Stream.STDOUT, 1_764_064_800_000_000_000L, "c", "h", 7L, "after poison", Map.of());
		byte[] batch = Topics.LOGS.valueSerde()
			.serializer()
			.serialize(Topics.LOGS.name(), new LogBatch(environmentId, List.of(entry), 0, 0L, 0L));
		try (KafkaProducer<String, byte[]> producer = bytesProducer()) {
			producer.send(new ProducerRecord<>(Topics.LOGS.name(), environmentId, new byte[] { (byte) 0xc3, 1, 2 }));
			producer.send(new ProducerRecord<>(Topics.LOGS.name(), environmentId, batch));
		}

		ConsumerRecord<String, byte[]> dead = DeadLetterRecords.first(this.kafka, Topics.LOGS_DLT.name(), environmentId);
		assertThat(DeadLetterRecords.header(dead, DeadLetterHeaders.REASON)).contains("cannot decode LogBatch").contains("truncated header");
		assertThat(DeadLetterRecords.header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.LOGS.name());
		await().atMost(Duration.ofSeconds(30)).until(() -> lineStored(environmentId));
	}

	@Test
	void keepsTheEnvironmentsTableInStepWithTheDescriptors() {
		String environmentId = "described-" + UUID.randomUUID();
		try (KafkaProducer<String, EnvironmentDescriptor> producer = new KafkaProducer<>(this.kafka.producerProps(),
				new StringSerializer(), Topics.ENVIRONMENTS.valueSerde().serializer())) {
			producer.send(new ProducerRecord<>(Topics.ENVIRONMENTS.name(), environmentId,
					descriptor(environmentId, "web", false)));
			producer.send(new ProducerRecord<>(Topics.ENVIRONMENTS.name(), environmentId,
					descriptor(environmentId, "web-2", false)));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> "web-2".equals(environmentColumn(environmentId, "name")));
		assertThat(environmentColumn(environmentId, "owner")).isEqualTo("ann");
		assertThat(environmentColumn(environmentId, "labels->>'envstream.team'")).isEqualTo("blue");
		assertThat(environmentColumn(environmentId, "removed_at")).isNull();

		try (KafkaProducer<String, EnvironmentDescriptor> producer = new KafkaProducer<>(this.kafka.producerProps(),
				new StringSerializer(), Topics.ENVIRONMENTS.valueSerde().serializer())) {
			producer.send(new ProducerRecord<>(Topics.ENVIRONMENTS.name(), environmentId,
					descriptor(environmentId, "web-2", true)));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> environmentColumn(environmentId, "removed_at") != null);
		assertThat(environmentColumn(environmentId, "name")).isEqualTo("web-2");
	}

	private boolean lineStored(String environmentId) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM log_lines WHERE environment_id = ?", Long.class,
				environmentId);
		return count != null && count == 1;
	}

	private String environmentColumn(String environmentId, String column) {
		List<String> values = this.jdbc.queryForList(
				"SELECT " + column + "::text FROM environments WHERE environment_id = ?", String.class, environmentId);
		return values.isEmpty() ? null : values.get(0);
	}

	private static EnvironmentDescriptor descriptor(String environmentId, String name, boolean removed) {
		return new EnvironmentDescriptor(environmentId, "host-1", removed ? null : "c-1", name, "demo:local",
				Map.of("envstream.environment", environmentId, "envstream.team", "blue"), "ann", "blue",
				"ws://agent:8081", 1_764_064_800_000L, removed);
	}

	private KafkaProducer<String, byte[]> bytesProducer() {
		return new KafkaProducer<>(this.kafka.producerProps(), new StringSerializer(), new ByteArraySerializer());
	}

}
