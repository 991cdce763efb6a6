package io.envstream.testsupport.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresFixtureIntegrationTests {

	private final PostgresFixture postgres = PostgresFixture.shared();

	@Test
	void appliesEveryMigrationOfTheSchemasJar() throws SQLException {
		MigrationInfoService migrations = Flyway.configure().dataSource(postgres.dataSource())
				.locations(Migrations.LOCATION).load().info();

		assertThat(migrations.pending()).isEmpty();
		assertThat(migrations.applied()).isNotEmpty();
		assertThat(count("flyway_schema_history WHERE success")).isEqualTo(migrations.applied().length);
	}

	@Test
	void truncateAllEmptiesPlainAndPartitionedTablesButKeepsTheMigrationHistory() throws SQLException {
		// given
		execute("CREATE TABLE IF NOT EXISTS truncate_probe (id bigserial PRIMARY KEY, note text)");
		execute("CREATE TABLE IF NOT EXISTS truncate_probe_parted (at timestamptz NOT NULL, note text)"
				+ " PARTITION BY RANGE (at)");
		execute("CREATE TABLE IF NOT EXISTS truncate_probe_parted_all PARTITION OF truncate_probe_parted"
				+ " FOR VALUES FROM (MINVALUE) TO (MAXVALUE)");
		execute("INSERT INTO truncate_probe (note) VALUES ('a'), ('b')");
		execute("INSERT INTO truncate_probe_parted VALUES (now(), 'c')");
		long history = count("flyway_schema_history");

		// when
		postgres.truncateAll();

		// then
		assertThat(count("truncate_probe")).isZero();
		assertThat(count("truncate_probe_parted")).isZero();
		assertThat(count("flyway_schema_history")).isEqualTo(history);
	}

	@Test
	void connectsToARunningServerByUrlAsTheEnvironmentVariablesWould() throws SQLException {
		PostgresFixture byUrl = PostgresFixture.connect(postgres.jdbcUrl(), postgres.username(), postgres.password());

		try (Connection connection = byUrl.dataSource().getConnection()) {
			assertThat(connection.isValid(5)).isTrue();
		}
		assertThat(byUrl.jdbcUrl()).isEqualTo(postgres.jdbcUrl());
	}

	@Test
	void sharedIsOneServerPerJvm() {
		assertThat(PostgresFixture.shared()).isSameAs(postgres);
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = postgres.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private long count(String from) throws SQLException {
		try (Connection connection = postgres.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + from)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
