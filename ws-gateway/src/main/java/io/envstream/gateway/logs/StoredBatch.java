package io.envstream.gateway.logs;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.envstream.schemas.cursor.Cursor;

/**
 * One log_batches row as {@link HistoryStore} selects it ({@link #COLUMNS}): the lines of one envstream.logs batch
 * record, column by column, line i at element i. The persister writes a container or host id once when every line
 * has it.
 */
record StoredBatch(int partition, long offset, Long[] timestampNanos, String streams, String[] containers,
		String[] hosts, Long[] seqs, String[] messages) {

	static final String COLUMNS = "kafka_partition, kafka_offset, ts_nanos, streams, container_ids, host_ids, seqs, "
			+ "messages";

	static StoredBatch of(ResultSet rs, int row) throws SQLException {
		return new StoredBatch(rs.getInt(1), rs.getLong(2), (Long[]) elements(rs.getArray(3)), rs.getString(4),
				(String[]) elements(rs.getArray(5)), (String[]) elements(rs.getArray(6)),
				(Long[]) elements(rs.getArray(7)), (String[]) elements(rs.getArray(8)));
	}

	/** The character log_batches.streams holds for a line of {@code stream}: o for stdout, e for stderr. */
	static String streamCode(String stream) {
		return switch (stream) {
			case "stdout" -> "o";
			case "stderr" -> "e";
			default -> throw new IllegalArgumentException("not a stream: " + stream);
		};
	}

	int lines() {
		return this.messages.length;
	}

	boolean isStream(int index, String code) {
		return this.streams.charAt(index) == code.charAt(0);
	}

	/** The Docker timestamp of the line cut to microseconds, as log_batches.min_ts and max_ts hold it. */
	long micros(int index) {
		return Math.floorDiv(this.timestampNanos[index], 1000L);
	}

	LogLine line(int index) {
		return new LogLine(new Cursor(this.partition, this.offset, index), this.timestampNanos[index],
				(this.streams.charAt(index) == 'e') ? "stderr" : "stdout", perLine(this.containers, index),
				perLine(this.hosts, index), this.seqs[index], this.messages[index]);
	}

	private static String perLine(String[] ids, int index) {
		return (ids.length == 1) ? ids[0] : ids[index];
	}

	private static Object elements(Array array) throws SQLException {
		try {
			return array.getArray();
		}
		finally {
			array.free();
		}
	}

}
