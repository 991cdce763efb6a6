package io.envstream.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads back what the pipeline stored, in PostgreSQL and in envstream.logs, and checks it line by line. */
final class StoredLines {

	private final JdbcTemplate jdbc;

	StoredLines(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	long count(String prefix) {
		Long count = this.jdbc.queryForObject("SELECT coalesce(sum(line_count), 0) FROM log_batches WHERE environment_id LIKE ?",
				Long.class, prefix + "-%");
		return (count != null) ? count : 0;
	}

	/** Asserts that environment_activity counts as many lines of the environments as log_batches holds. */
	void assertCountedOnceInActivity(String prefix, long lines) {
		assertThat(this.jdbc.queryForObject("SELECT sum(stdout_lines + stderr_lines) FROM environment_activity "
				+ "WHERE environment_id LIKE ?", Long.class, prefix + "-%")).isEqualTo(lines);
	}

	/**
	 * Asserts that every line {@code 0 <= seq < linesPerEnvironment} of every environment is stored exactly once,
	 * with its stream and message, in position order, and at the position its batch has in envstream.logs.
	 */
	void assertExactlyOnceInOrder(String prefix, int environments, int linesPerEnvironment,
			Map<String, Object> consumerProps) {
		List<Row> rows = this.jdbc.query("""
				SELECT environment_id, kafka_partition, kafka_offset, batch_index, seq, stream, message
				FROM log_lines WHERE environment_id LIKE ?
				ORDER BY environment_id, kafka_partition, kafka_offset, batch_index""",
				(rs, i) -> new Row(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getInt(4), rs.getLong(5),
						rs.getString(6), rs.getString(7)),
				prefix + "-%");
		assertThat(rows).hasSize(environments * linesPerEnvironment);
		for (int e = 0; e < environments; e++) {
			String environmentId = LogLines.environment(prefix, e);
			List<Row> ofEnvironment = rows.stream().filter((row) -> row.environmentId().equals(environmentId)).toList();
			assertThat(ofEnvironment).as("lines of %s in position order", environmentId)
				.extracting(Row::seq)
				.containsExactlyElementsOf(java.util.stream.LongStream.range(0, linesPerEnvironment).boxed().toList());
			assertThat(ofEnvironment).allSatisfy((row) -> {
				assertThat(row.stream()).isEqualTo(LogLines.streamOf(row.seq()).name().toLowerCase());
				assertThat(row.message()).isEqualTo(environmentId + " line " + row.seq());
			});
		}
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM log_batches WHERE environment_id LIKE ? AND (
				  (extract(epoch FROM min_ts) * 1000000)::bigint <> (SELECT min(n) FROM unnest(ts_nanos) n) / 1000
				  OR (extract(epoch FROM max_ts) * 1000000)::bigint <> (SELECT max(n) FROM unnest(ts_nanos) n) / 1000)""",
				Long.class, prefix + "-%")).as("batches whose time range is not their lines' cut to microseconds").isZero();
		assertThat(positionsIn(rows)).isEqualTo(positionsInTopic(prefix, consumerProps));
	}

	private static Set<String> positionsIn(List<Row> rows) {
		Set<String> positions = new HashSet<>();
		rows.forEach((row) -> positions.add(row.environmentId() + "/" + row.partition() + "/" + row.offset() + "/"
				+ row.index() + "/" + row.seq()));
		return positions;
	}

	/** Every line position of the prefix's environments in envstream.logs, read committed. */
	private static Set<String> positionsInTopic(String prefix, Map<String, Object> consumerProps) {
		Map<String, Object> config = new java.util.HashMap<>(consumerProps);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
		Set<String> positions = new HashSet<>();
		// raw bytes: other tests put undecodable records in the topic on purpose
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			consumer.partitionsFor(Topics.LOGS.name())
				.forEach((p) -> partitions.add(new TopicPartition(p.topic(), p.partition())));
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.key() == null || !record.key().startsWith(prefix + "-")) {
						continue;
					}
					LogBatch batch = Topics.LOGS.valueSerde().deserializer().deserialize(record.topic(), record.value());
					List<LogEntry> entries = batch.getEntries();
					for (int i = 0; i < entries.size(); i++) {
						positions.add(record.key() + "/" + record.partition() + "/" + record.offset() + "/" + i + "/"
								+ entries.get(i).getSeq());
					}
				}
			}
		}
		return positions;
	}

	record Row(String environmentId, int partition, long offset, int index, long seq, String stream, String message) {

	}

}
