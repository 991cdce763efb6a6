package io.envstream.gateway.limits;

import java.nio.file.Path;
import java.time.Duration;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.testsupport.postgres.StoppablePostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection that closes while PostgreSQL cannot answer keeps its lease row: the renewal must release it once
 * PostgreSQL is back rather than keep it alive, or it would count against the user until the gateway stops.
 */
class LeaseReleaseDatabaseOutageIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void leaseWhoseReleaseFailedIsReleasedByTheNextRenewalNotKeptAlive() throws Exception {
		// given a gateway renewing its leases every second (ttl 3 s) and a client holding one
		try (StoppablePostgres postgres = new StoppablePostgres(this.directory.resolve("pgdata"));
				GatewayInstance gateway = GatewayInstance.start("--spring.datasource.url=" + postgres.jdbcUrl(),
						"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
						"--envstream.gateway.lease-ttl=3s");
				Environments environments = new Environments()) {
			JdbcClient database = JdbcClient.create(postgres.fixture().dataSource());
			String environment = Environments.newId("lease");
			database.sql("INSERT INTO environments (environment_id, host_id, container_id, name, image, owner)"
					+ " VALUES (?, 'host-1', 'c-1', ?, 'demo', 'alice')")
				.params(environment, environment)
				.update();
			WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("alice")));
			await().until(() -> !client.ofType("live").isEmpty() || client.closed.isDone());
			assertThat(client.closed).isNotDone();
			assertThat(leasesOf(database, environment)).isEqualTo(1);

			// when the client leaves while PostgreSQL is down, then PostgreSQL comes back
			postgres.stop();
			client.close();
			// the gateway tries the release when the socket closes, and it fails
			await().atMost(Duration.ofSeconds(30)).until(() -> unreleased(gateway) > 0);
			postgres.start();

			// then the lease is gone within a few renewals, although this gateway renews its leases all along
			await().atMost(Duration.ofSeconds(20)).until(() -> leasesOf(database, environment) == 0);
		}
	}

	private static double unreleased(GatewayInstance gateway) {
		return gateway.context().getBean(MeterRegistry.class).get("envstream.gateway.leases.unreleased").gauge().value();
	}

	private static long leasesOf(JdbcClient database, String environment) {
		return database.sql("SELECT count(*) FROM connection_leases WHERE environment_id = ?")
			.param(environment)
			.query(Long.class)
			.single();
	}

}
