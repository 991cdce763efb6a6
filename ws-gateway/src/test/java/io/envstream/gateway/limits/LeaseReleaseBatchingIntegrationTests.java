package io.envstream.gateway.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.SilentWebSocket;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many connections closing at once: their leases are released in batches off the socket threads, so
 * another client's live lines flow on even while PostgreSQL holds the releases up.
 */
class LeaseReleaseBatchingIntegrationTests {

	private static final int CLOSING = 200;

	@Test
	void manyClosesAtOnceAreReleasedInBatchesWithoutHoldingOtherClientsLinesBack() throws Exception {
		JdbcClient database = JdbcClient.create(PostgresFixture.shared().dataSource());
		try (GatewayInstance gateway = GatewayInstance.start("--envstream.gateway.connect-rate-burst=5000",
				"--envstream.gateway.max-connections-per-user=5000",
				"--envstream.gateway.max-connections-per-environment=5000",
				// the crowd's sockets never answer a ping: they must stay open until the test closes them
				"--envstream.gateway.heartbeat-interval=1m", "--envstream.gateway.heartbeat-timeout=5m");
				Environments environments = new Environments()) {
			// given a watcher live on one environment and 200 connections to another
			String watched = Environments.newId("churn-watched");
			String crowded = Environments.newId("churn-crowded");
			environments.create(watched, "alice", null);
			environments.create(crowded, "alice", null);
			String token = JWT.token("alice");
			WsClient watcher = WsClient.connect(gateway.logsUrl(watched, "tail=0&token=" + token));
			await().until(() -> !watcher.ofType("live").isEmpty());
			List<SilentWebSocket> crowd = new ArrayList<>();
			for (int i = 0; i < CLOSING; i++) {
				crowd.add(new SilentWebSocket(gateway.logsUrl(crowded, "tail=0&token=" + token)));
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> leasesOf(database, crowded) == CLOSING);
			double batchesBefore = gateway.counter("envstream.gateway.leases.release.batches");

			// when PostgreSQL holds the crowd's lease rows locked, and all 200 close at once while lines are written
			try (Connection lock = PostgresFixture.shared().dataSource().getConnection()) {
				lock.setAutoCommit(false);
				try (PreparedStatement statement = lock
					.prepareStatement("SELECT * FROM connection_leases WHERE environment_id = ? FOR UPDATE")) {
					statement.setString(1, crowded);
					statement.execute();
				}
				for (SilentWebSocket socket : crowd) {
					socket.close();
				}
				for (int i = 0; i < 20; i++) {
					environments.write(watched, Stream.STDOUT, 10);
				}
				// then every close is seen, and the watcher gets every line, in order, while the releases wait
				await().atMost(Duration.ofSeconds(60))
					.until(() -> gateway.gauge("envstream.gateway.connections.active", "endpoint", "logs") == 1);
				await().atMost(Duration.ofSeconds(60)).until(() -> watcher.seqs().size() >= 200);
				assertThat(watcher.seqs()).isEqualTo(LongStream.rangeClosed(1, 200).boxed().toList());
				assertThat(leasesOf(database, crowded)).isEqualTo(CLOSING);
				lock.commit();
			}

			// and once PostgreSQL lets them through, the 200 leases go in a couple of statements, not 200
			await().atMost(Duration.ofSeconds(30)).until(() -> leasesOf(database, crowded) == 0);
			assertThat(gateway.counter("envstream.gateway.leases.release.batches") - batchesBefore).isBetween(1.0, 2.0);
			assertThat(watcher.closed).isNotDone();
			watcher.close();
		}
	}

	private static long leasesOf(JdbcClient database, String environment) {
		return database.sql("SELECT count(*) FROM connection_leases WHERE environment_id = ?")
			.param(environment)
			.query(Long.class)
			.single();
	}

}
