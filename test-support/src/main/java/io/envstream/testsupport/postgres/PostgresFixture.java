package io.envstream.testsupport.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL with the envstream schema, for tests.
 * <p>
 * {@link #shared()} starts one embedded PostgreSQL per test JVM (zonky's real binaries) and
 * applies the Flyway migrations found at {@code classpath:db/migration} (the schemas jar).
 * Point it at an existing server instead with the environment variables {@value #URL_ENV}
 * (e.g. {@code jdbc:postgresql://db:5432/envstream_test}), {@value #USER_ENV} and
 * {@value #PASSWORD_ENV}; the migrations are applied there too, and {@link #truncateAll()}
 * empties its tables, so give the tests a database of their own.
 */
public final class PostgresFixture {

	public static final String URL_ENV = "ENVSTREAM_TEST_JDBC_URL";

	public static final String USER_ENV = "ENVSTREAM_TEST_JDBC_USER";

	public static final String PASSWORD_ENV = "ENVSTREAM_TEST_JDBC_PASSWORD";

	private static final Logger log = LoggerFactory.getLogger(PostgresFixture.class);

	private static final String TABLES_TO_TRUNCATE = """
			SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
			WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg\\_%'
			AND tablename <> '""" + Migrations.HISTORY_TABLE + "'";

	private static PostgresFixture shared; // guarded by PostgresFixture.class

	private final DataSource dataSource;
	private final String jdbcUrl;
	private final String username;
	private final String password;

	PostgresFixture(DataSource dataSource, String jdbcUrl, String username, String password) {
		this.dataSource = dataSource;
		this.jdbcUrl = jdbcUrl;
		this.username = username;
		this.password = password;
	}

	/** The PostgreSQL of this test JVM, migrated: embedded, or the server named by {@value #URL_ENV}. */
	public static synchronized PostgresFixture shared() {
		if (shared == null) {
			String url = System.getenv(URL_ENV);
			shared = (url == null || url.isBlank()) ? EmbeddedServer.start()
					: connect(url.trim(), System.getenv(USER_ENV), System.getenv(PASSWORD_ENV));
		}
		return shared;
	}

	/** Checks that the server answers, applies the migrations, and returns a fixture for it. */
	public static PostgresFixture connect(String jdbcUrl, String user, String password) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		try {
			dataSource.setURL(jdbcUrl);
			dataSource.setConnectTimeout(5);
			dataSource.setLoginTimeout(10);
			if (user != null) {
				dataSource.setUser(user);
			}
			if (password != null) {
				dataSource.setPassword(password);
			}
			try (Connection connection = dataSource.getConnection()) {
				connection.isValid(5);
			}
		}
		catch (SQLException | IllegalArgumentException ex) {
			throw new IllegalStateException("no PostgreSQL answers at " + JdbcUrls.withoutPassword(jdbcUrl) + " ("
					+ URL_ENV + "): " + ex.getMessage() + "; unset it to use embedded PostgreSQL", ex);
		}
		log.info("Using the PostgreSQL at {}", JdbcUrls.withoutPassword(jdbcUrl));
		String username = Objects.requireNonNullElse(user, dataSource.getUser());
		return migrated(dataSource, jdbcUrl, username, password);
	}

	static PostgresFixture migrated(DataSource dataSource, String jdbcUrl, String username, String password) {
		Migrations.apply(dataSource);
		return new PostgresFixture(dataSource, jdbcUrl, username, password);
	}

	/** A data source opening a new connection per call (not pooled). */
	public DataSource dataSource() {
		return dataSource;
	}

	public String jdbcUrl() {
		return jdbcUrl;
	}

	public String username() {
		return username;
	}

	public String password() {
		return password;
	}

	/** Empties every table outside the system schemas except Flyway's history, in one statement. */
	public void truncateAll() {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery(TABLES_TO_TRUNCATE)) {
				while (rows.next()) {
					tables.add(rows.getString(1));
				}
			}
			if (!tables.isEmpty()) {
				statement.execute("TRUNCATE TABLE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
			}
			log.debug("Truncated {}", tables);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not truncate the envstream tables: " + ex.getMessage(), ex);
		}
	}

}
