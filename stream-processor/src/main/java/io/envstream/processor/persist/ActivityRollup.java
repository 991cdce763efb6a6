package io.envstream.processor.persist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;

/**
 * Lines counted per environment and minute (of their Docker timestamp): by stream, and those that look like an
 * error or a warning ({@link Severity}). Written in the transaction that stores the lines, so environment_activity
 * always agrees with log_batches.
 */
final class ActivityRollup {

	private static final String ADD = """
			INSERT INTO environment_activity (environment_id, minute, stdout_lines, stderr_lines, error_lines,
			  warning_lines)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (environment_id, minute) DO UPDATE SET
			  stdout_lines = environment_activity.stdout_lines + excluded.stdout_lines,
			  stderr_lines = environment_activity.stderr_lines + excluded.stderr_lines,
			  error_lines = environment_activity.error_lines + excluded.error_lines,
			  warning_lines = environment_activity.warning_lines + excluded.warning_lines""";

	private static final long NANOS_PER_MINUTE = 60_000_000_000L;

	/** In key order, so that two writers touching the same rows lock them in the same order. */
	private final Map<Bucket, Counts> buckets = new TreeMap<>();

	private int lines;

	void add(String environmentId, LogEntry entry) {
		this.lines++;
		Counts counts = this.buckets.computeIfAbsent(
				new Bucket(environmentId, Math.floorDiv(entry.getTimestampNanos(), NANOS_PER_MINUTE)),
				(bucket) -> new Counts());
		if (entry.getStream() == Stream.STDERR) {
			counts.stderr++;
		}
		else {
			counts.stdout++;
		}
		switch (Severity.of(entry.getMessage(), entry.getMetadata())) {
			case ERROR -> counts.errors++;
			case WARNING -> counts.warnings++;
			case OTHER -> {
			}
		}
	}

	/** @return how many lines were added */
	int lines() {
		return this.lines;
	}

	/** Adds the counts to environment_activity, in the connection's transaction. */
	void write(Connection connection) throws SQLException {
		if (this.buckets.isEmpty()) {
			return;
		}
		try (PreparedStatement add = connection.prepareStatement(ADD)) {
			for (Map.Entry<Bucket, Counts> bucket : this.buckets.entrySet()) {
				Counts counts = bucket.getValue();
				add.setString(1, bucket.getKey().environmentId());
				add.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(bucket.getKey().minute() * 60)));
				add.setLong(3, counts.stdout);
				add.setLong(4, counts.stderr);
				add.setLong(5, counts.errors);
				add.setLong(6, counts.warnings);
				add.addBatch();
			}
			add.executeBatch();
		}
	}

	/** @param minute minutes since the epoch */
	private record Bucket(String environmentId, long minute) implements Comparable<Bucket> {

		@Override
		public int compareTo(Bucket other) {
			int byEnvironment = this.environmentId.compareTo(other.environmentId);
			return (byEnvironment != 0) ? byEnvironment : Long.compare(this.minute, other.minute);
		}

	}

	private static final class Counts {

		long stdout;

		long stderr;

		long errors;

		long warnings;

	}

}
