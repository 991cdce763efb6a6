package io.envstream.e2e.smoke;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.serde.LogEventSerde;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.LogBatchRows;
import io.envstream.testsupport.postgres.PostgresFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every fixture together: a real demo container prints lines, they are read through docker-java,
 * produced to the real broker as records of envstream.logs.raw (the first as an older collector's single-line
 * LogEvent, the others in LogEventBatch records of several lines), consumed back, written to PostgreSQL and read back.
 */
class SmokeIntegrationTests {

	private static final int LINES = 20;

	private static final int LINES_PER_RECORD = 8;

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
		List<ReadLine> consumed = consume(environmentId);
		store(consumed);

		// then: every line came back whole, in order, on its stream, from Kafka and from PostgreSQL
		assertThat(consumed).extracting((r) -> r.line().getMessage())
			.containsExactlyElementsOf(dockerLines.stream().map(DockerLogLine::message).toList());
		assertThat(consumed).extracting((r) -> r.line().getSeq())
			.containsExactlyElementsOf(LongStream.rangeClosed(1, LINES).boxed().toList());
		assertThat(consumed.get(0).line().getMessage()).startsWith("line seq=1 ");
		assertThat(consumed).allSatisfy((r) -> assertThat(r.line().getStream().name().toLowerCase())
			.isEqualTo(seqOf(r.line().getMessage()) % 2 == 1 ? "stdout" : "stderr"));
		assertThat(consumed).extracting(ReadLine::index).containsExactly(0, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5,
				6, 7, 0, 1, 2);
		assertThat(newestMessages(environmentId, LINES))
			.containsExactlyElementsOf(dockerLines.stream().map(DockerLogLine::message).toList());
	}

	/** A line read back from envstream.logs.raw, with its record's position and its index among the record's lines. */
	private record ReadLine(int partition, long offset, int index, LogEventBatch record, RawLine line) {
	}

	private void produce(String environmentId, List<DockerLogLine> lines) {
		Map<String, Object> props = this.kafka.producerProps();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
				new ByteArraySerializer())) {
			List<RawLine> raw = new ArrayList<>();
			for (DockerLogLine line : lines) {
				raw.add(new RawLine(line.stream(), line.timestampNanos(), raw.size() + 1L, line.message(), false));
			}
			String containerId = lines.get(0).containerId();
			RawLine first = raw.get(0);
			LogEvent single = new LogEvent(environmentId, this.docker.engineId(), containerId, first.getStream(),
					first.getTimestampNanos(), first.getSeq(), first.getMessage(), false);
			producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), environmentId,
					new LogEventSerde().serialize(Topics.LOGS_RAW.name(), single)));
			for (int from = 1; from < raw.size(); from += LINES_PER_RECORD) {
				LogEventBatch record = new LogEventBatch(environmentId, this.docker.engineId(), containerId,
						raw.subList(from, Math.min(from + LINES_PER_RECORD, raw.size())));
				producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), environmentId,
						Topics.LOGS_RAW.valueSerde().serializer().serialize(Topics.LOGS_RAW.name(), record)));
			}
			producer.flush();
		}
	}

	private List<ReadLine> consume(String environmentId) {
		Map<String, Object> props = this.kafka.consumerProps("smoke-" + environmentId);
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ReadLine> lines = new ArrayList<>();
		try (KafkaConsumer<String, LogEventBatch> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				Topics.LOGS_RAW.valueSerde().deserializer())) {
			consumer.subscribe(List.of(Topics.LOGS_RAW.name()));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, LogEventBatch> r : consumer.poll(Duration.ofMillis(200))) {
					if (environmentId.equals(r.key())) {
						for (int i = 0; i < r.value().getLines().size(); i++) {
							lines.add(new ReadLine(r.partition(), r.offset(), i, r.value(), r.value().getLines().get(i)));
						}
					}
				}
				return lines.size() >= LINES;
			});
		}
		return lines;
	}

	/** Stores each record's lines (consumed in order, index 0 first) as its batch row, as the persister does. */
	private void store(List<ReadLine> lines) throws SQLException {
		try (Connection connection = this.postgres.dataSource().getConnection();
				PreparedStatement statement = connection.prepareStatement(LogBatchRows.INSERT)) {
			List<LogEntry> entries = new ArrayList<>();
			for (int l = 0; l < lines.size(); l++) {
				ReadLine read = lines.get(l);
				entries.add(new LogEntry(read.line().getStream(), read.line().getTimestampNanos(),
						read.record().getContainerId(), read.record().getHostId(), read.line().getSeq(),
						read.line().getMessage(), Map.of()));
				if (l + 1 == lines.size() || lines.get(l + 1).index() == 0) {
					Object[] parameters = LogBatchRows.parameters(read.record().getEnvId(), read.partition(),
							read.offset(), entries);
					for (int p = 0; p < parameters.length; p++) {
						statement.setObject(p + 1, parameters[p]);
					}
					statement.addBatch();
					entries = new ArrayList<>();
				}
			}
			statement.executeBatch();
		}
	}

	private List<String> newestMessages(String environmentId, int limit) throws SQLException {
		String newest = """
				SELECT message FROM (
				  SELECT message, kafka_partition, kafka_offset, batch_index FROM log_lines
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
