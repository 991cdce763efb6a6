package io.envstream.gateway;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.envstream.schemas.avro.Stream;

import io.envstream.testsupport.postgres.PostgresFixture;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * The {@code environments} table held locked against reads, in a transaction of its own, until
 * {@link #release}d or closed: every access check waits, as behind a slow or stuck PostgreSQL.
 */
public final class LockedEnvironments implements AutoCloseable {

	private final Connection connection;

	private LockedEnvironments(Connection connection) {
		this.connection = connection;
	}

	public static LockedEnvironments lock() throws SQLException {
		Connection connection = PostgresFixture.shared().dataSource().getConnection();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("LOCK TABLE environments IN ACCESS EXCLUSIVE MODE");
		}
		return new LockedEnvironments(connection);
	}

	/** How many queries wait for the lock now. */
	public static long waiting() {
		return JdbcClient.create(PostgresFixture.shared().dataSource())
			.sql("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'environments'::regclass")
			.query(Long.class)
			.single();
	}

	/**
	 * Writes 5 lines to {@code environmentId} one at a time, each its own frame, and waits up to 20 s for each to
	 * reach {@code watcher}, which must have had none: the frames of an open connection are not held by what waits.
	 */
	public static void awaitLinesOneAtATime(Environments environments, String environmentId, WsClient watcher,
			String whileWaiting) {
		for (int line = 1; line <= 5; line++) {
			environments.write(environmentId, Stream.STDOUT, 1);
			int expected = line;
			await("line " + line + " of 5 reaching the open connection while " + whileWaiting)
				.atMost(Duration.ofSeconds(20))
				.until(() -> watcher.lines().size() == expected);
		}
	}

	/** Frees the table: the waiting queries go on. */
	public void release() throws SQLException {
		this.connection.rollback();
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

}
