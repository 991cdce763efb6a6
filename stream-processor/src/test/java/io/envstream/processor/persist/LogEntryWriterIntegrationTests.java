package io.envstream.processor.persist;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class LogEntryWriterIntegrationTests {

	private final LogEntryWriter writer = new LogEntryWriter(PostgresFixture.shared().dataSource());

	private final JdbcTemplate jdbc = new JdbcTemplate(PostgresFixture.shared().dataSource());

	private final String environmentId = "writer-" + UUID.randomUUID();

	@Test
	void replayedBatchesAreSkippedByPositionAndNewOnesInTheSamePollAreWritten() throws SQLException {
		PositionedBatch first = batch(0, 10, "one", "two");
		assertThat(this.writer.write(List.of(first))).isEqualTo(new LogEntryWriter.Written(2, 0));

		LogEntryWriter.Written replay = this.writer.write(List.of(first, batch(0, 11, "three")));

		assertThat(replay).isEqualTo(new LogEntryWriter.Written(1, 2));
		assertThat(this.jdbc.queryForList(
				"SELECT message FROM log_lines WHERE environment_id = ? ORDER BY kafka_offset, batch_index",
				String.class, this.environmentId))
			.containsExactly("one", "two", "three");
		assertThat(this.jdbc.queryForList("SELECT kafka_offset || ':' || line_count FROM log_batches "
				+ "WHERE environment_id = ? ORDER BY kafka_offset", String.class, this.environmentId))
			.as("one row per batch record").containsExactly("10:2", "11:1");
		assertThat(this.jdbc.queryForObject("SELECT sum(stdout_lines) FROM environment_activity WHERE "
				+ "environment_id = ?", Long.class, this.environmentId)).as("lines counted in environment_activity")
			.isEqualTo(3);
	}

	@Test
	void storesEachLinesFieldsAndEscapesWhatCopyTextOrAnArrayLiteralWouldMisread() throws SQLException {
		String message = "tab\there, newline\nthere, backslash \\N, quote \"{a,b}\", nul \0 end";
		LogEntry first = new LogEntry(Stream.STDERR, 1_764_064_800_123_456_999L, "c\"1", "h", 1L, message,
				Map.of("level", "warn", "quote", "a\"b"));
		LogEntry second = new LogEntry(Stream.STDOUT, 1_764_064_800_123_457_000L, "c\\2", "h", 2L, "", Map.of());
		this.writer.write(List.of(new PositionedBatch(3, 99,
				new LogBatch(this.environmentId, List.of(first, second), 0, 0L, 0L))));

		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				SELECT message, stream, ts_nanos, container_id, host_id, seq, metadata->>'level' AS level,
				  metadata->>'quote' AS quote
				FROM log_lines WHERE environment_id = ? ORDER BY batch_index""", this.environmentId);
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).containsEntry("message", message.replace('\0', '\uFFFD'))
			.containsEntry("stream", "stderr")
			.containsEntry("ts_nanos", 1_764_064_800_123_456_999L)
			.containsEntry("container_id", "c\"1")
			.containsEntry("host_id", "h")
			.containsEntry("seq", 1L)
			.containsEntry("level", "warn")
			.containsEntry("quote", "a\"b");
		assertThat(rows.get(1)).containsEntry("message", "")
			.containsEntry("stream", "stdout")
			.containsEntry("container_id", "c\\2")
			.containsEntry("seq", 2L)
			.containsEntry("level", null);
		assertThat(this.jdbc.queryForObject("SELECT cardinality(host_ids) FROM log_batches WHERE environment_id = ?",
				Integer.class, this.environmentId)).as("a host id every line shares, once").isOne();
	}

	@Test
	void storesTheBatchsTimeRangeCutToMicrosecondsAndEachLinesOwnTimestamp() throws SQLException {
		long second = 1_764_064_800_000_000_000L;
		List<LogEntry> entries = List.of(entry(second), entry(second - 1), entry(second + 1_500),
				entry(second + 999_999_999L), entry(second + 1_000_000_999L), entry(second - 1));
		this.writer.write(List.of(new PositionedBatch(0, 7, new LogBatch(this.environmentId, entries, 0, 0L, 0L))));

		assertThat(this.jdbc.queryForMap("""
				SELECT (extract(epoch FROM min_ts) * 1000000)::bigint AS min, (extract(epoch FROM max_ts) * 1000000)::bigint AS max
				FROM log_batches WHERE environment_id = ?""", this.environmentId))
			.containsEntry("min", 1_764_064_799_999_999L)
			.containsEntry("max", 1_764_064_801_000_000L);
		assertThat(this.jdbc.queryForList("SELECT ts_nanos FROM log_lines WHERE environment_id = ? ORDER BY batch_index",
				Long.class, this.environmentId))
			.containsExactlyElementsOf(entries.stream().map(LogEntry::getTimestampNanos).toList());
	}

	private static LogEntry entry(long timestampNanos) {
		return new LogEntry(Stream.STDOUT, timestampNanos, "c", "h", 1L, "line", Map.of());
	}

	private PositionedBatch batch(int partition, long offset, String... messages) {
		List<LogEntry> entries = new java.util.ArrayList<>();
		for (int i = 0; i < messages.length; i++) {
			entries.add(new LogEntry(Stream.STDOUT, 1_764_064_800_000_000_000L + offset * 1000 + i, "c", "h",
					offset * 10 + i, messages[i], Map.of()));
		}
		return new PositionedBatch(partition, offset, new LogBatch(this.environmentId, entries, 0, 0L, 0L));
	}

}
