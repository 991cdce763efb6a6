package io.envstream.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts zonky's embedded PostgreSQL (real binaries, a fresh data directory) until the JVM exits. */
final class EmbeddedServer {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);

	private static final String USER = "postgres";

	private EmbeddedServer() {
	}

	static PostgresFixture start() {
		long started = System.nanoTime();
		EmbeddedPostgres postgres;
		try {
			postgres = EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start embedded PostgreSQL", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres), "envstream-postgres-fixture-shutdown"));
		String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
		log.info("Embedded PostgreSQL up at {} in {} ms", jdbcUrl,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		// trust authentication: any password is accepted, but some clients insist on one
		return PostgresFixture.migrated(postgres.getPostgresDatabase(), jdbcUrl, USER, USER);
	}

	private static void stop(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			log.warn("Could not stop embedded PostgreSQL cleanly", ex);
		}
	}

}
