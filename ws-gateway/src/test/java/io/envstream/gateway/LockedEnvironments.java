package io.envstream.gateway;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.envstream.testsupport.postgres.PostgresFixture;

import org.springframework.jdbc.core.simple.JdbcClient;

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

	/** Frees the table: the waiting queries go on. */
	public void release() throws SQLException {
		this.connection.rollback();
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

}
