package io.envstream.testsupport.postgres;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;

/**
 * Stores log lines in log_batches as the persister does, one row per envstream.logs batch record, for tests and
 * benchmarks that seed history without running the persister. Container and host ids go one per line, which
 * log_batches takes as well as the persister's one per batch.
 */
public final class LogBatchRows {

	/** Inserts one batch row; a batch already stored at its position is left alone. */
	public static final String INSERT = """
			INSERT INTO log_batches (environment_id, kafka_partition, kafka_offset, min_ts, max_ts, line_count,
			  ts_nanos, streams, container_ids, host_ids, seqs, messages)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

	private LogBatchRows() {
	}

	/**
	 * The parameters of {@link #INSERT} for the lines of the batch record at ({@code partition}, {@code offset}),
	 * line i at batch_index i.
	 * @throws IllegalArgumentException when there are no lines: log_batches holds no empty batch
	 */
	public static Object[] parameters(String environmentId, int partition, long offset, List<LogEntry> entries) {
		if (entries.isEmpty()) {
			throw new IllegalArgumentException("a batch row holds at least one line, none given at " + partition + "/"
					+ offset);
		}
		int lines = entries.size();
		long[] nanos = new long[lines];
		StringBuilder streams = new StringBuilder(lines);
		String[] containers = new String[lines];
		String[] hosts = new String[lines];
		long[] seqs = new long[lines];
		String[] messages = new String[lines];
		for (int i = 0; i < lines; i++) {
			LogEntry entry = entries.get(i);
			nanos[i] = entry.getTimestampNanos();
			streams.append((entry.getStream() == Stream.STDERR) ? 'e' : 'o');
			containers[i] = entry.getContainerId();
			hosts[i] = entry.getHostId();
			seqs[i] = entry.getSeq();
			messages[i] = entry.getMessage();
		}
		Timestamp oldest = timestamp(Arrays.stream(nanos).min().getAsLong());
		Timestamp newest = timestamp(Arrays.stream(nanos).max().getAsLong());
		return new Object[] { environmentId, partition, offset, oldest, newest, lines, nanos, streams.toString(),
				containers, hosts, seqs, messages };
	}

	/** Cut to microseconds as the persister does: max_ts is part of the key a replay is recognized by. */
	private static Timestamp timestamp(long nanos) {
		return Timestamp.from(Instant.ofEpochSecond(0, nanos).truncatedTo(ChronoUnit.MICROS));
	}

}
