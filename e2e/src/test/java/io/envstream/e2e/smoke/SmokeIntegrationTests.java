package io.envstream.e2e.smoke;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.serde.LogEventSerde;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.PostgresFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every fixture together: a real demo container prints lines, they are read through docker-java,
 * produced to the real broker as LogEvents, consumed back, written to PostgreSQL and read back.
 */
class SmokeIntegrationTests {

	private static final int LINES = 20;

	private final DockerFixture docker = DockerFixture.shared();

	private final KafkaFixture kafka = KafkaFixture.shared();

	private final PostgresFixture postgres = PostgresFixture.shared();

	@Test
	void containerLinesTravelThroughKafkaIntoPostgres() throws Exception {
		// given: a container that printed numbered lines, odd ones to stdout, even ones to stderr
		String environmentId = "smoke-" + System.nanoTime();
		List<DockerLogLine> dockerLines;
		try (DemoContainer container = this.docker.startDemo(environmentId, "lines", "-r", "200", "-s", "40", "-n",
				String.valueOf(LINES), "-o", "both")) {
			assertThat(container.awaitExit(Duration.ofSeconds(30))).isZero();
			// stdout and stderr are separate pipes, so the engine's timestamps may interleave them out of
			// the program's order: take the program's own numbering as the order of its lines
			dockerLines = DockerLogLine.readAll(this.docker.client(), container.id())
				.stream()
				.sorted(Comparator.comparingLong((line) -> seqOf(line.message())))
				.toList();
		}
		assertThat(dockerLines).hasSize(LINES);

		// when: they are produced to envstream.logs.raw, consumed back and stored by position
		new TopicProvisioner(this.kafka.admin(), (short) 1).provision(List.of(Topics.LOGS_RAW));
		produce(environmentId, dockerLines);
		List<ConsumerRecord<String, LogEvent>> consumed = consume(environmentId);
		store(consumed);

		// then: every line came back whole, in order, on its stream, from Kafka and from PostgreSQL
		assertThat(consumed).extracting((r) -> r.value().getMessage())
			.containsExactlyElementsOf(dockerLines.stream().map(DockerLogLine::message).toList());
		assertThat(consumed).extracting((r) -> r.value().getSeq())
			.containsExactlyElementsOf(LongStream.rangeClosed(1, LINES).boxed().toList());
		assertThat(consumed.get(0).value().getMessage()).startsWith("line seq=1 ");
		assertThat(consumed).allSatisfy((r) -> assertThat(r.value().getStream().name().toLowerCase())
			.isEqualTo(seqOf(r.value().getMessage()) % 2 == 1 ? "stdout" : "stderr"));
		assertThat(newestMessages(environmentId, LINES))
			.containsExactlyElementsOf(dockerLines.stream().map(DockerLogLine::message).toList());
	}

	private void produce(String environmentId, List<DockerLogLine> lines) {
		Map<String, Object> props = this.kafka.producerProps();
		try (KafkaProducer<String, LogEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
				new LogEventSerde())) {
			long seq = 0;
			for (DockerLogLine line : lines) {
				LogEvent event = LogEvent.newBuilder()
					.setEnvId(environmentId)
					.setHostId(this.docker.engineId())
					.setContainerId(line.containerId())
					.setStream(line.stream())
					.setTimestampNanos(line.timestampNanos())
					.setSeq(++seq)
					.setMessage(line.message())
					.build();
				producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), environmentId, event));
			}
			producer.flush();
		}
	}

	private List<ConsumerRecord<String, LogEvent>> consume(String environmentId) {
		Map<String, Object> props = this.kafka.consumerProps("smoke-" + environmentId);
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<String, LogEvent>> records = new ArrayList<>();
		try (KafkaConsumer<String, LogEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new LogEventSerde())) {
			consumer.subscribe(List.of(Topics.LOGS_RAW.name()));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200))
					.forEach((r) -> {
						if (environmentId.equals(r.key())) {
							records.add(r);
						}
					});
				return records.size() >= LINES;
			});
		}
		return records;
	}

	private void store(List<ConsumerRecord<String, LogEvent>> records) throws SQLException {
		String insert = """
				INSERT INTO log_entries (environment_id, kafka_partition, kafka_offset, batch_index, ts, ts_nanos,
				                         stream, container_id, host_id, seq, message)
				VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING""";
		try (Connection connection = this.postgres.dataSource().getConnection();
				PreparedStatement statement = connection.prepareStatement(insert)) {
			for (ConsumerRecord<String, LogEvent> record : records) {
				LogEvent event = record.value();
				statement.setString(1, event.getEnvId());
				statement.setInt(2, record.partition());
				statement.setLong(3, record.offset());
				statement.setTimestamp(4, Timestamp.from(Instant.ofEpochSecond(0, event.getTimestampNanos())));
				statement.setLong(5, event.getTimestampNanos());
				statement.setString(6, event.getStream().name().toLowerCase());
				statement.setString(7, event.getContainerId());
				statement.setString(8, event.getHostId());
				statement.setLong(9, event.getSeq());
				statement.setString(10, event.getMessage());
				statement.addBatch();
			}
			statement.executeBatch();
		}
	}

	private List<String> newestMessages(String environmentId, int limit) throws SQLException {
		String newest = """
				SELECT message FROM (
				  SELECT message, kafka_partition, kafka_offset, batch_index FROM log_entries
				  WHERE environment_id = ?
				  ORDER BY kafka_partition DESC, kafka_offset DESC, batch_index DESC LIMIT ?) newest
				ORDER BY kafka_partition, kafka_offset, batch_index""";
		try (Connection connection = this.postgres.dataSource().getConnection();
				PreparedStatement statement = connection.prepareStatement(newest)) {
			statement.setString(1, environmentId);
			statement.setInt(2, limit);
			List<String> messages = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					messages.add(rows.getString(1));
				}
			}
			return messages;
		}
	}

	private static long seqOf(String message) {
		return Long.parseLong(message.split(" ")[1].substring("seq=".length()));
	}

}
