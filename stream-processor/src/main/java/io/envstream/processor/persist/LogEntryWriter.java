package io.envstream.processor.persist;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import io.envstream.schemas.avro.LogEntry;
import org.postgresql.PGConnection;

/**
 * Writes batches to log_entries in one transaction: COPY into a session-local staging table, then one
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}, so rows of a replayed batch (same position) are skipped
 * and a batch is never half written. {@code ts} is derived from {@code ts_nanos} in SQL, so a position always
 * gets the same {@code ts} and the conflict check (which includes ts) sees the replay.
 */
class LogEntryWriter {

	private static final String STAGING = """
			CREATE TEMP TABLE IF NOT EXISTS log_entries_incoming (
			  environment_id text, kafka_partition integer, kafka_offset bigint, batch_index integer, ts_nanos bigint,
			  stream text, container_id text, host_id text, seq bigint, message text, metadata jsonb
			) ON COMMIT DELETE ROWS""";

	private static final String COPY = "COPY log_entries_incoming (" + CopyRows.COLUMNS + ") FROM STDIN";

	private static final String INSERT = """
			INSERT INTO log_entries (environment_id, kafka_partition, kafka_offset, batch_index, ts, ts_nanos, stream,
			  container_id, host_id, seq, message, metadata)
			SELECT environment_id, kafka_partition, kafka_offset, batch_index,
			  timestamptz 'epoch' + (ts_nanos / 1000) * interval '1 microsecond', ts_nanos, stream,
			  container_id, host_id, seq, message, metadata
			FROM log_entries_incoming
			ON CONFLICT DO NOTHING""";

	private final DataSource dataSource;

	LogEntryWriter(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Writes every line of the batches.
	 * @return how many rows were new, and how many were already there
	 * @throws SQLException when the database cannot take them (nothing of them is then written)
	 */
	Written write(List<PositionedBatch> batches) throws SQLException {
		CopyRows rows = new CopyRows();
		for (PositionedBatch positioned : batches) {
			List<LogEntry> entries = positioned.batch().getEntries();
			for (int index = 0; index < entries.size(); index++) {
				rows.add(positioned.batch().getEnvId(), positioned.partition(), positioned.offset(), index,
						entries.get(index));
			}
		}
		if (rows.rows() == 0) {
			return new Written(0, 0);
		}
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute(STAGING);
				connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(rows.text()));
				int inserted = statement.executeUpdate(INSERT);
				connection.commit();
				return new Written(inserted, rows.rows() - inserted);
			}
			catch (SQLException | IOException | RuntimeException ex) {
				SQLException failure = (ex instanceof SQLException sql) ? sql
						: new SQLException("COPY into log_entries_incoming failed: " + ex.getMessage(), ex);
				rollback(connection, failure);
				throw failure;
			}
		}
	}

	private static void rollback(Connection connection, SQLException failure) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			// the connection is likely gone with the server; the write failed either way
			failure.addSuppressed(ex);
		}
	}

	/**
	 * @param inserted rows that were new
	 * @param duplicates rows whose position was already stored (a replay)
	 */
	record Written(int inserted, int duplicates) {

	}

}
