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
				"SELECT message FROM log_entries WHERE environment_id = ? ORDER BY kafka_offset, batch_index",
				String.class, this.environmentId))
			.containsExactly("one", "two", "three");
		assertThat(this.jdbc.queryForObject("SELECT sum(stdout_lines) FROM environment_activity WHERE "
				+ "environment_id = ?", Long.class, this.environmentId)).as("lines counted in environment_activity")
			.isEqualTo(3);
	}

	@Test
	void storesTheTimestampCutToMicrosecondsAndEscapesWhatCopyTextWouldMisread() throws SQLException {
		String message = "tab\there, newline\nthere, backslash \\N, nul \0 end";
		LogEntry entry = new LogEntry(Stream.STDERR, 1_764_064_800_123_456_999L, "c", "h", 1L, message,
				Map.of("level", "warn", "quote", "a\"b"));
		this.writer.write(List.of(new PositionedBatch(3, 99, new LogBatch(this.environmentId, List.of(entry), 0, 0L, 0L))));

		Map<String, Object> row = this.jdbc.queryForMap("""
				SELECT message, stream, ts_nanos, (extract(epoch FROM ts) * 1000000)::bigint AS micros,
				  metadata->>'level' AS level, metadata->>'quote' AS quote
				FROM log_entries WHERE environment_id = ?""", this.environmentId);
		assertThat(row).containsEntry("message", message.replace('\0', '\uFFFD'))
			.containsEntry("stream", "stderr")
			.containsEntry("ts_nanos", 1_764_064_800_123_456_999L)
			.containsEntry("micros", 1_764_064_800_123_456L)
			.containsEntry("level", "warn")
			.containsEntry("quote", "a\"b");
	}

	@Test
	void storesEachLinesOwnTimestampAcrossSecondBoundariesInABatch() throws SQLException {
		long second = 1_764_064_800_000_000_000L;
		List<LogEntry> entries = List.of(entry(second - 1), entry(second), entry(second + 1_500),
				entry(second + 999_999_999L), entry(second + 1_000_000_000L), entry(second - 1));
		this.writer.write(List.of(new PositionedBatch(0, 7, new LogBatch(this.environmentId, entries, 0, 0L, 0L))));

		assertThat(this.jdbc.queryForList("""
				SELECT (extract(epoch FROM ts) * 1000000)::bigint FROM log_entries WHERE environment_id = ?
				ORDER BY batch_index""", Long.class, this.environmentId))
			.containsExactly(1_764_064_799_999_999L, 1_764_064_800_000_000L, 1_764_064_800_000_001L,
					1_764_064_800_999_999L, 1_764_064_801_000_000L, 1_764_064_799_999_999L);
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
