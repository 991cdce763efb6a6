package io.envstream.gateway.ws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.LockedEnvironments;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections are admitted and started off the container's threads. Tomcat completes every frame
 * sent to any client on one of its threads, so handshakes that wait for PostgreSQL there (a storm of
 * reconnects) would hold every client's next frame. Here the gateway has 10 container threads, and
 * 10 connections wait for their access check on a table the test holds locked.
 */
class AdmissionOffContainerThreadsIntegrationTests {

	private static final int CONTAINER_THREADS = 10;

	private static final String OPEN = "envstream.gateway.connections.active";

	private static final String RELEASES = "envstream.gateway.leases.release.batches";

	@Test
	void liveLinesReachOpenConnectionsWhileHandshakesWaitForPostgres() throws Exception {
		// given
		try (GatewayInstance gateway = start(); Environments environments = new Environments()) {
			String watched = Environments.newId("admission-watched");
			String waiting = Environments.newId("admission-waiting");
			environments.create(watched, "alice", null);
			environments.create(waiting, "alice", null);
			String token = JWT.token("alice");
			try (WsClient watcher = WsClient.connect(gateway.logsUrl(watched, "tail=0&token=" + token))) {
				await().until(() -> !watcher.ofType("live").isEmpty());
				List<WsClient> held = new ArrayList<>();
				try (LockedEnvironments lock = LockedEnvironments.lock()) {
					for (int i = 0; i < CONTAINER_THREADS; i++) {
						held.add(WsClient.connect(gateway.logsUrl(waiting, "tail=0&token=" + token)));
					}
					await().atMost(Duration.ofSeconds(30)).until(() -> LockedEnvironments.waiting() >= 8);
					// when lines are written one at a time, then each reaches the open connection
					LockedEnvironments.awaitLinesOneAtATime(environments, watched, watcher,
							CONTAINER_THREADS + " handshakes wait");
					assertThat(held).allSatisfy((client) -> assertThat(client.messages).isEmpty());
					// half of the waiting clients leave before their admission ends
					for (WsClient client : held.subList(0, CONTAINER_THREADS / 2)) {
						client.close();
					}
					lock.release();
				}
				// and once the table is free, the others are admitted and live, and the leavers hold no lease
				List<WsClient> staying = held.subList(CONTAINER_THREADS / 2, CONTAINER_THREADS);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> staying.stream().allMatch((client) -> !client.ofType("live").isEmpty()));
				await().atMost(Duration.ofSeconds(30))
					.until(() -> gateway.gauge(OPEN, "endpoint", "logs") == 1 + staying.size());
				await().atMost(Duration.ofSeconds(30)).until(() -> leases(waiting) == staying.size());
				staying.forEach(WsClient::close);
			}
		}
	}

	@Test
	void messagesSentBeforeTheStartAreHandledInOrderOnceItEnds() throws Exception {
		// given
		try (GatewayInstance gateway = start(); Environments environments = new Environments()) {
			String environment = Environments.newId("admission-messages");
			environments.create(environment, "alice", null);
			try (LockedEnvironments lock = LockedEnvironments.lock();
					WsClient client = connectWaitingForAdmission(gateway, environment)) {
				// when
				client.send("{\"action\":\"filter\",\"stream\":\"stderr\"}");
				client.send("{\"action\":\"filter\",\"grep\":\"[\"}");
				lock.release();
				// then
				await().atMost(Duration.ofSeconds(30)).until(() -> !client.ofType("live").isEmpty());
				await().until(() -> !client.ofType("error").isEmpty());
				environments.write(environment, Stream.STDOUT, List.of("to stdout"));
				environments.write(environment, Stream.STDERR, List.of("to stderr"));
				await().until(() -> !client.lines().isEmpty());
				assertThat(client.lines()).extracting((line) -> line.get("message").asText()).containsExactly("to stderr");
				assertThat(client.closed).isNotDone();
			}
		}
	}

	@Test
	void moreThanAMebibyteOfMessagesBeforeTheStartClosesWith1008AndKeepsNoLease() throws Exception {
		// given
		try (GatewayInstance gateway = start(); Environments environments = new Environments()) {
			String environment = Environments.newId("admission-flood");
			environments.create(environment, "alice", null);
			try (LockedEnvironments lock = LockedEnvironments.lock();
					WsClient client = connectWaitingForAdmission(gateway, environment)) {
				// when: three messages of 400,000 characters each, every one under the 1 MB message limit
				for (int i = 0; i < 3; i++) {
					client.send("x".repeat(400_000));
				}
				// then
				WsClient.Close close = client.awaitClose();
				assertThat(close.code()).isEqualTo(1008);
				assertThat(close.reason()).isEqualTo("more than 1048576 characters of messages before the connection started");
				double releases = gateway.counter(RELEASES);
				lock.release();
				// and the start, once it ends, releases the lease it took
				await().atMost(Duration.ofSeconds(30)).until(() -> gateway.counter(RELEASES) > releases);
				await().atMost(Duration.ofSeconds(30)).until(() -> leases(environment) == 0);
				assertThat(gateway.gauge(OPEN, "endpoint", "logs")).isZero();
			}
		}
	}

	private static GatewayInstance start() {
		return GatewayInstance.start("--server.tomcat.threads.max=" + CONTAINER_THREADS,
				"--server.tomcat.threads.min-spare=" + CONTAINER_THREADS,
				"--envstream.gateway.max-connections-per-environment=100");
	}

	/** A client of alice's {@code environment} whose admission waits on the locked {@code environments} table. */
	private static WsClient connectWaitingForAdmission(GatewayInstance gateway, String environment) {
		WsClient client = WsClient.connect(gateway.logsUrl(environment, "tail=0&token=" + JWT.token("alice")));
		await().atMost(Duration.ofSeconds(30)).until(() -> LockedEnvironments.waiting() >= 1);
		return client;
	}

		private static long leases(String environmentId) {
		return JdbcClient.create(PostgresFixture.shared().dataSource())
			.sql("SELECT count(*) FROM connection_leases WHERE environment_id = ?")
			.param(environmentId)
			.query(Long.class)
			.single();
	}

}
