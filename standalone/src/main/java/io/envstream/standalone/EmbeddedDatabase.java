package io.envstream.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (zonky's embedded binaries) whose data directory outlives the JVM,
 * with the role and database that the apps' defaults name: {@code envstream}.
 */
final class EmbeddedDatabase implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabase.class);

	static final String NAME = "envstream";

	private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

	private final EmbeddedPostgres postgres;

	private EmbeddedDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Starts PostgreSQL on {@code dataDir}; first stops the one a killed standalone left running there (see
	 * {@link OrphanedPostmaster}), so a crash needs no manual step before the next start.
	 */
	static EmbeddedDatabase start(Path dataDir, int port) {
		try {
			Files.createDirectories(dataDir);
			Optional<OrphanedPostmaster> orphan = OrphanedPostmaster.find(dataDir);
			if (orphan.isPresent()) {
				orphan.get().stop(ORPHAN_STOP_WAIT);
			}
			requireFree(port);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.setPort(port)
				// trust authentication, no password: only this JVM's apps may reach it
				.setServerConfig("listen_addresses", StandaloneProperties.LOOPBACK)
				// zonky's defaults are for throwaway test databases (synchronous_commit off, and fsync off through
				// pg_ctl's -F, which a later -c overrides): history must outlive an OS crash, because the persister
				// commits its Kafka offsets as soon as a commit returns
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("fsync", "on")
				.setServerConfig("full_page_writes", "on")
				// the launcher stops PostgreSQL last, after the apps and the broker
				.setRegisterShutdownHook(false)
				.setPGStartupWait(Duration.ofSeconds(60))
				.start();
			EmbeddedDatabase database = new EmbeddedDatabase(postgres);
			database.createRoleAndDatabaseOnFirstStart();
			return database;
		}
		catch (IOException | SQLException ex) {
			throw new IllegalStateException("could not start embedded PostgreSQL in " + dataDir + " on port " + port
					+ ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while stopping the PostgreSQL left running on " + dataDir, ex);
		}
	}

	/**
	 * The start-up wait only checks that something answers on the port: with another PostgreSQL
	 * there, the apps would silently use that server's database.
	 */
	static void requireFree(int port) {
		try (ServerSocket probe = new ServerSocket()) {
			probe.bind(new InetSocketAddress(port));
		}
		catch (IOException ex) {
			throw new IllegalStateException("port " + port + " is taken by another process, so embedded PostgreSQL "
					+ "cannot listen there; stop that process or set envstream.standalone.postgres-port");
		}
	}

	private void createRoleAndDatabaseOnFirstStart() throws SQLException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?")) {
				statement.execute("CREATE ROLE " + NAME + " LOGIN");
			}
			if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?")) {
				statement.execute("CREATE DATABASE " + NAME + " OWNER " + NAME);
				logger.info("Created PostgreSQL role and database {}", NAME);
			}
		}
	}

	private static boolean exists(Connection connection, String query) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			statement.setString(1, NAME);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next();
			}
		}
	}

	String jdbcUrl() {
		return "jdbc:postgresql://" + StandaloneProperties.LOOPBACK + ":" + this.postgres.getPort() + "/" + NAME;
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
