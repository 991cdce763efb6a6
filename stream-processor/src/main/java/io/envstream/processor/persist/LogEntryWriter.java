package io.envstream.processor.persist;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.envstream.schemas.avro.LogEntry;
import org.postgresql.PGConnection;

/**
 * Writes batches to log_batches, one row per batch record holding its lines ({@link CopyRows}), in one transaction,
 * so a batch is never half written. First as one COPY straight into log_batches: the common case, as fast as
 * PostgreSQL takes rows. COPY cannot skip rows, so if some batch is already stored (a replay after a crash between
 * the database commit and the Kafka offset commit) it fails as a whole and the rows go again the idempotent way:
 * COPY into a session-local staging table, then {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}. Both ways
 * write the same {@code max_ts} for a batch, so the conflict check (whose key includes it) recognizes the replay.
 * <p>
 * In the same transaction the new lines are counted into environment_activity ({@link ActivityRollup}): all of them
 * after the COPY, only those of the batches the INSERT returned after a replay, so a line is counted once however
 * often its batch is delivered.
 */
class LogEntryWriter {

	private static final String UNIQUE_VIOLATION = "23505";

	private static final String COPY = "COPY log_batches (" + CopyRows.COLUMNS + ") FROM STDIN " + CopyRows.FORMAT;

	private static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS log_batches_incoming (LIKE log_batches)"
			+ " ON COMMIT DELETE ROWS";

	private static final String COPY_STAGING = "COPY log_batches_incoming (" + CopyRows.COLUMNS + ") FROM STDIN "
			+ CopyRows.FORMAT;

	private static final String INSERT = "INSERT INTO log_batches (" + CopyRows.COLUMNS + ") SELECT "
			+ CopyRows.COLUMNS + " FROM log_batches_incoming ON CONFLICT DO NOTHING"
			+ " RETURNING kafka_partition, kafka_offset";

	private final DataSource dataSource;

	LogEntryWriter(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Writes every line of the batches.
	 * @return how many lines were new, and how many were already there
	 * @throws SQLException when the database cannot take them (nothing of them is then written)
	 */
	Written write(List<PositionedBatch> batches) throws SQLException {
		CopyRows rows = new CopyRows();
		for (PositionedBatch positioned : batches) {
			if (!positioned.batch().getEntries().isEmpty()) {
				rows.add(positioned.batch().getEnvId(), positioned.partition(), positioned.offset(),
						positioned.batch().getEntries());
			}
		}
		if (rows.rows() == 0) {
			return new Written(0, 0);
		}
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, rows.stream());
				rollup(batches, null).write(connection);
				connection.commit();
				return new Written(rows.lines(), 0);
			}
			catch (SQLException ex) {
				rollback(connection, ex);
				if (!UNIQUE_VIOLATION.equals(ex.getSQLState())) {
					throw ex;
				}
			}
			catch (IOException ex) {
				SQLException failure = new SQLException("COPY into log_batches failed: " + ex.getMessage(), ex);
				rollback(connection, failure);
				throw failure;
			}
			return writeSkippingStored(connection, rows, batches);
		}
	}

	private static Written writeSkippingStored(Connection connection, CopyRows rows, List<PositionedBatch> batches)
			throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(STAGING);
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_STAGING, rows.stream());
			Set<Position> inserted = new HashSet<>();
			try (ResultSet returned = statement.executeQuery(INSERT)) {
				while (returned.next()) {
					inserted.add(new Position(returned.getInt(1), returned.getLong(2)));
				}
			}
			ActivityRollup rollup = rollup(batches, inserted);
			rollup.write(connection);
			connection.commit();
			return new Written(rollup.lines(), rows.lines() - rollup.lines());
		}
		catch (SQLException | IOException ex) {
			SQLException failure = (ex instanceof SQLException sql) ? sql
					: new SQLException("COPY into log_batches_incoming failed: " + ex.getMessage(), ex);
			rollback(connection, failure);
			throw failure;
		}
	}

	/** @param inserted the batches whose lines to count, or {@code null} for every batch */
	private static ActivityRollup rollup(List<PositionedBatch> batches, Set<Position> inserted) {
		ActivityRollup rollup = new ActivityRollup();
		for (PositionedBatch positioned : batches) {
			if (inserted == null || inserted.contains(new Position(positioned.partition(), positioned.offset()))) {
				for (LogEntry entry : positioned.batch().getEntries()) {
					rollup.add(positioned.batch().getEnvId(), entry);
				}
			}
		}
		return rollup;
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

	private record Position(int partition, long offset) {

	}

	/**
	 * @param inserted lines that were new
	 * @param duplicates lines whose batch was already stored (a replay)
	 */
	record Written(int inserted, int duplicates) {

	}

}
