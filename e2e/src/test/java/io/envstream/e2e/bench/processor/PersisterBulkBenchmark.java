package io.envstream.e2e.bench.processor;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.bench.Statistics;
import io.envstream.processor.StreamProcessorApplication;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Lines per second the persister stores in log_batches (one row per batch record), from batches already waiting in
 * envstream.logs to rows committed (timed from its first committed rows), beside a raw COPY of the same batch rows
 * straight into the same (emptied) table in the same run.
 */
class PersisterBulkBenchmark {

	private static final int BATCHES = 3_000;

	private static final int LINES_PER_BATCH = 100;

	private static final int ROWS = BATCHES * LINES_PER_BATCH;

	private static final int RUNS = 3;

	private final PostgresFixture postgres = PostgresFixture.shared();

	@Test
	void measurePersisterAgainstRawCopy() throws Exception {
		KafkaFixture kafka = KafkaFixture.shared();
		ReadyTopics.provisionEmpty(kafka);
		String prefix = "bench-" + UUID.randomUUID();
		List<LogBatch> batches = batches(prefix);
		produce(kafka, batches);

		// the median of three runs each: on a shared two-core machine one run alone swings by half
		double[] rawCopy = new double[RUNS];
		double[] persister = new double[RUNS];
		for (int run = 0; run < RUNS; run++) {
			this.postgres.truncateAll();
			rawCopy[run] = rawCopyRowsPerSecond(this.postgres.dataSource(), batches);
			this.postgres.truncateAll();
			persister[run] = persisterRowsPerSecond(kafka);
			// the next run reads envstream.logs from its start again
			kafka.admin().deleteConsumerGroups(List.of("envstream-persister")).all().get();
		}

		BenchmarkResults.ofRepository().record("persister-bulk", List.of(Metric.against(
				"lines/s into log_batches from envstream.logs (300k lines, 100-line batches, read_committed; median of 3)",
				Statistics.median(persister), "lines/s", "raw COPY of the same batch rows into the same table",
				Statistics.median(rawCopy))));
	}

	private double persisterRowsPerSecond(KafkaFixture kafka) {
		try (ConfigurableApplicationContext persister = StreamProcessorApplication.application().run(
				"--envstream.processor.topology.enabled=false",
				"--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--spring.datasource.url=" + this.postgres.jdbcUrl(),
				"--spring.datasource.username=" + this.postgres.username(),
				"--spring.datasource.password=" + this.postgres.password(), "--server.port=0")) {
			// from the first committed rows on: the consumer's group join and first fetch are not writing
			long firstRows = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
				.until(() -> count(this.postgres.dataSource()), (rows) -> rows > 0);
			long started = System.nanoTime();
			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
				.until(() -> count(this.postgres.dataSource()) >= ROWS);
			return (ROWS - firstRows) / ((System.nanoTime() - started) / 1e9);
		}
	}

	private static double rawCopyRowsPerSecond(DataSource dataSource, List<LogBatch> batches) throws Exception {
		StringBuilder text = new StringBuilder();
		for (int offset = 0; offset < batches.size(); offset++) {
			List<LogEntry> entries = batches.get(offset).getEntries();
			text.append(batches.get(offset).getEnvId()).append('\t').append(offset % TopicProvisioner.DEFAULT_PARTITIONS)
				.append('\t').append(offset).append('\t')
				.append(Instant.EPOCH.plusNanos(entries.get(0).getTimestampNanos()).truncatedTo(ChronoUnit.MICROS))
				.append('\t')
				.append(Instant.EPOCH.plusNanos(entries.get(entries.size() - 1).getTimestampNanos())
					.truncatedTo(ChronoUnit.MICROS))
				.append('\t').append(entries.size()).append('\t');
			array(text, entries, (entry) -> Long.toString(entry.getTimestampNanos())).append('\t');
			entries.forEach((entry) -> text.append((entry.getStream() == Stream.STDERR) ? 'e' : 'o'));
			text.append('\t');
			array(text, entries, (entry) -> quoted(entry.getContainerId())).append('\t');
			array(text, entries, (entry) -> quoted(entry.getHostId())).append('\t');
			array(text, entries, (entry) -> Long.toString(entry.getSeq())).append('\t');
			array(text, entries, (entry) -> quoted(entry.getMessage())).append('\t');
			text.append('[');
			for (int i = 0; i < entries.size(); i++) {
				text.append((i == 0) ? "" : ",").append(entries.get(i).getMetadata().isEmpty() ? "null" : "{\"level\":\"info\"}");
			}
			text.append("]\n");
		}
		try (Connection connection = dataSource.getConnection()) {
			long started = System.nanoTime();
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
					COPY log_batches (environment_id, kafka_partition, kafka_offset, min_ts, max_ts, line_count, ts_nanos,
					  streams, container_ids, host_ids, seqs, messages, metadata) FROM STDIN""",
					new StringReader(text.toString()));
			return ROWS / ((System.nanoTime() - started) / 1e9);
		}
	}

	private static StringBuilder array(StringBuilder text, List<LogEntry> entries, Function<LogEntry, String> element) {
		text.append('{');
		for (int i = 0; i < entries.size(); i++) {
			text.append((i == 0) ? "" : ",").append(element.apply(entries.get(i)));
		}
		return text.append('}');
	}

	/** A quoted array element in COPY text: the bench lines hold quotes but no backslash, tab or newline. */
	private static String quoted(String value) {
		return "\"" + value.replace("\"", "\\\\\"") + "\"";
	}

	private static long count(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT coalesce(sum(line_count), 0) FROM log_batches")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static List<LogBatch> batches(String prefix) {
		List<LogBatch> batches = new ArrayList<>(BATCHES);
		long line = 0;
		for (int b = 0; b < BATCHES; b++) {
			List<LogEntry> entries = new ArrayList<>(LINES_PER_BATCH);
			for (int i = 0; i < LINES_PER_BATCH; i++) {
				entries.add(BenchLines.entry(line++));
			}
			batches.add(new LogBatch(prefix + "-" + (b % BenchLines.ENVIRONMENTS), entries, 0, 0L, 0L));
		}
		return batches;
	}

	private static void produce(KafkaFixture kafka, List<LogBatch> batches) {
		var config = kafka.producerProps();
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
		try (KafkaProducer<String, LogBatch> producer = new KafkaProducer<>(config, new StringSerializer(),
				Topics.LOGS.valueSerde().serializer())) {
			batches.forEach((batch) -> producer.send(new ProducerRecord<>(Topics.LOGS.name(), batch.getEnvId(), batch)));
		}
	}

}
