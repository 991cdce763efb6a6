package io.envstream.gateway.logs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.envstream.schemas.cursor.Cursor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Log history from {@code log_entries}, which the persister fills with each line at its position.
 * Every read is ordered by position, the primary key, so "newest N" and "after a cursor" are index
 * range scans.
 */
@Component
class HistoryStore {

	private static final String COLUMNS = "kafka_partition, kafka_offset, batch_index, ts_nanos, stream, "
			+ "container_id, host_id, seq, message";

	private final JdbcClient jdbc;

	HistoryStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The newest {@code lines} lines, oldest first. */
	List<LogLine> tail(String environmentId, String stream, int lines) {
		if (lines <= 0) {
			return List.of();
		}
		List<LogLine> newestFirst = new ArrayList<>(this.jdbc.sql("SELECT " + COLUMNS
				+ " FROM log_entries WHERE environment_id = ? AND (CAST(? AS text) IS NULL OR stream = ?)"
				+ " ORDER BY kafka_partition DESC, kafka_offset DESC, batch_index DESC LIMIT ?")
			.params(environmentId, stream, stream, lines)
			.query(HistoryStore::line)
			.list());
		Collections.reverse(newestFirst);
		return newestFirst;
	}

	/** Lines matching {@code query}, oldest first by position. */
	List<LogLine> read(HistoryQuery query) {
		Cursor after = query.after();
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM log_entries WHERE environment_id = ?"
				+ " AND (CAST(? AS text) IS NULL OR stream = ?)"
				+ " AND (CAST(? AS integer) IS NULL OR (kafka_partition, kafka_offset, batch_index) > (?, ?, ?))"
				+ " AND (CAST(? AS timestamptz) IS NULL OR ts >= ?)"
				+ " AND (CAST(? AS timestamptz) IS NULL OR ts < ?)"
				+ " ORDER BY kafka_partition, kafka_offset, batch_index LIMIT ?")
			.params(query.environmentId(), query.stream(), query.stream(),
					(after == null) ? null : after.partition(), (after == null) ? 0 : after.partition(),
					(after == null) ? 0L : after.offset(), (after == null) ? 0 : after.index(),
					timestamp(query.from()), timestamp(query.from()), timestamp(query.to()), timestamp(query.to()),
					query.limit())
			.query(HistoryStore::line)
			.list();
	}

	private static Timestamp timestamp(java.time.Instant instant) {
		return (instant == null) ? null : Timestamp.from(instant);
	}

	private static LogLine line(ResultSet rs, int row) throws SQLException {
		return new LogLine(new Cursor(rs.getInt(1), rs.getLong(2), rs.getInt(3)), rs.getLong(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9));
	}

}
