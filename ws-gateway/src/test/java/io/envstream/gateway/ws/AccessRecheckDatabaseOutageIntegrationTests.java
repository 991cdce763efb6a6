package io.envstream.gateway.ws;

import java.nio.file.Path;
import java.time.Duration;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import io.envstream.testsupport.postgres.StoppablePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL going away during the access re-check degrades it and closes nothing: a gateway on a
 * PostgreSQL of the test's own, stopped while a client follows an environment's live lines.
 */
class AccessRecheckDatabaseOutageIntegrationTests {

	private static final String RECHECKS = "envstream.gateway.access.rechecks";

	@TempDir
	Path directory;

	@Test
	void keepsOpenConnectionsStreamingWhilePostgresCannotAnswerTheRecheck() throws Exception {
		// given
		try (StoppablePostgres postgres = new StoppablePostgres(this.directory.resolve("pgdata"));
				GatewayInstance gateway = GatewayInstance.start("--spring.datasource.url=" + postgres.jdbcUrl(),
						"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
						"--envstream.gateway.access-recheck-interval=1s");
				Environments environments = new Environments()) {
			String environment = Environments.newId("outage");
			JdbcClient.create(postgres.fixture().dataSource())
				.sql("INSERT INTO environments (environment_id, host_id, container_id, name, image, owner)"
						+ " VALUES (?, 'host-1', 'c-1', ?, 'demo', 'alice')")
				.params(environment, environment)
				.update();
			try (WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("alice")))) {
				await().until(() -> !client.ofType("live").isEmpty() || client.closed.isDone());
				assertThat(client.closed).isNotDone();
				await().until(() -> gateway.counter(RECHECKS, "outcome", "allowed") > 0);
				// when
				postgres.stop();
				// then
				await().atMost(Duration.ofSeconds(30))
					.until(() -> gateway.counter(RECHECKS, "outcome", "failed") >= 2);
				assertThat(client.closed).isNotDone();
				environments.write(environment, Stream.STDOUT, 1);
				await().until(() -> !client.lines().isEmpty());
				// and once PostgreSQL is back, the re-check answers again
				postgres.start();
				double allowed = gateway.counter(RECHECKS, "outcome", "allowed");
				await().atMost(Duration.ofSeconds(30))
					.until(() -> gateway.counter(RECHECKS, "outcome", "allowed") > allowed);
				assertThat(client.closed).isNotDone();
			}
		}
	}

}
