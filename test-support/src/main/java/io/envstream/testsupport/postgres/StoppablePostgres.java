package io.envstream.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL of a test's own that can be stopped and started again on the same port and data
 * directory, as a database server restart (or an outage, while stopped) looks to its clients. Its user and
 * password are both {@code postgres}.
 */
public final class StoppablePostgres implements AutoCloseable {

	private final EmbeddedPostgres.Builder builder;

	private final int port;

	private EmbeddedPostgres server;

	public StoppablePostgres(Path dataDirectory) {
		this.port = freePort();
		this.builder = EmbeddedPostgres.builder()
			.setPort(this.port)
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false);
		start();
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.port + "/postgres";
	}

	/** A fixture on this server, with the migrations applied. */
	public PostgresFixture fixture() {
		return PostgresFixture.connect(jdbcUrl(), "postgres", "postgres");
	}

	public void start() {
		try {
			this.server = this.builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start PostgreSQL on port " + this.port, ex);
		}
	}

	public void stop() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot stop PostgreSQL on port " + this.port, ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
