package io.envstream.schemas.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * A fresh database on a real (embedded) PostgreSQL server with the project's
 * migrations applied, plus the few JDBC helpers the tests need.
 */
final class MigratedDatabase {

	private static final AtomicInteger counter = new AtomicInteger();

	private final DataSource dataSource;

	private final MigrateResult migrateResult;

	private MigratedDatabase(DataSource dataSource, MigrateResult migrateResult) {
		this.dataSource = dataSource;
		this.migrateResult = migrateResult;
	}

	static MigratedDatabase create(EmbeddedPostgres postgres) throws SQLException {
		return create(postgres, MigrationVersion.LATEST);
	}

	/** A database migrated up to {@code target} only, to test what a later migration does to its rows. */
	static MigratedDatabase create(EmbeddedPostgres postgres, MigrationVersion target) throws SQLException {
		String name = "envstream_" + counter.incrementAndGet();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		DataSource dataSource = postgres.getDatabase("postgres", name);
		return new MigratedDatabase(dataSource, migrate(dataSource, target));
	}

	static MigrateResult migrate(DataSource dataSource) {
		return migrate(dataSource, MigrationVersion.LATEST);
	}

	private static MigrateResult migrate(DataSource dataSource, MigrationVersion target) {
		return Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration")
			.target(target)
			.load()
			.migrate();
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	MigrateResult migrateResult() {
		return this.migrateResult;
	}

	/** Today in UTC, as the database sees it. */
	LocalDate today() throws SQLException {
		return LocalDate.parse(string("SELECT CAST(now() AT TIME ZONE 'UTC' AS date)::text"));
	}

	int update(String sql, Object... args) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = prepare(connection, sql, args)) {
			return statement.executeUpdate();
		}
	}

	/** Runs the settings, then the query, on one connection; returns the first column of every row. */
	List<String> strings(List<String> settings, String sql, Object... args) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				for (String setting : settings) {
					statement.execute(setting);
				}
			}
			try (PreparedStatement statement = prepare(connection, sql, args);
					ResultSet rows = statement.executeQuery()) {
				List<String> values = new ArrayList<>();
				while (rows.next()) {
					values.add(rows.getString(1));
				}
				return values;
			}
		}
	}

	List<String> strings(String sql, Object... args) throws SQLException {
		return strings(List.of(), sql, args);
	}

	String string(String sql, Object... args) throws SQLException {
		List<String> values = strings(sql, args);
		if (values.size() != 1) {
			throw new IllegalStateException("Expected one row but got " + values + " from " + sql);
		}
		return values.get(0);
	}

	long number(String sql, Object... args) throws SQLException {
		return Long.parseLong(string(sql, args));
	}

	/** The daily and default partitions of log_batches, by name. */
	List<String> logPartitions() throws SQLException {
		return strings("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
				+ "WHERE i.inhparent = 'log_batches'::regclass ORDER BY c.relname");
	}

	private static PreparedStatement prepare(Connection connection, String sql, Object... args) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		for (int i = 0; i < args.length; i++) {
			statement.setObject(i + 1, args[i]);
		}
		return statement;
	}

}
