package io.envstream.gateway.ws;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.gateway.WsClient.Close;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.avro.Stream;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An open connection lives no longer than its token and its access: a real gateway re-checking
 * access every second against the real PostgreSQL, real WebSocket clients, and grants changed in
 * the database while they are connected.
 */
class TokenExpiryAndRevocationIntegrationTests {

	private static final String RECHECKS = "envstream.gateway.access.rechecks";

	private static final JdbcClient jdbc = JdbcClient.create(PostgresFixture.shared().dataSource());

	private static GatewayInstance gateway;

	private static Environments environments;

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start("--envstream.gateway.access-recheck-interval=1s");
		environments = new Environments();
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	@Test
	void closesALogsConnectionWith4401SoonAfterItsTokenExpires() throws Exception {
		// given
		String environment = Environments.newId("expiry");
		environments.create(environment, "alice", null);
		Instant expiresAt = Instant.now().plusSeconds(3);
		try (WsClient client = WsClient.connect(
				gateway.logsUrl(environment, "token=" + JWT.tokenExpiringIn("alice", Duration.ofSeconds(3))))) {
			await().until(() -> !client.ofType("live").isEmpty() || client.closed.isDone());
			assertThat(client.closed).isNotDone();
			double closes = gateway.counter("envstream.gateway.closes", "endpoint", "logs", "code", "4401");
			// when the token's exp passes
			Close close = client.awaitClose();
			// then
			assertThat(close).isEqualTo(new Close(4401, "token expired"));
			assertThat(Instant.now()).isAfterOrEqualTo(expiresAt.minusSeconds(1)).isBefore(expiresAt.plusSeconds(4));
			await().until(() -> gateway.counter("envstream.gateway.closes", "endpoint", "logs", "code", "4401") > closes);
		}
	}

	@Test
	void refusesATokenWithoutExpiryAtTheHandshakeAndOnRest() throws Exception {
		String environment = Environments.newId("no-exp");
		environments.create(environment, "alice", null);
		String token = JWT.tokenWithoutExpiry("alice");
		try (WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + token))) {
			assertThat(client.awaitClose().code()).isEqualTo(4401);
		}
		HttpResponse<String> response = gateway.get("/api/v1/environments", token);
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void closesLogsAndStatusConnectionsWith4403WhenTheGrantIsDeletedAndKeepsTheOwners() throws Exception {
		// given
		String environment = Environments.newId("revoked");
		environments.create(environment, "alice", null);
		environments.grant(environment, "user", "bob");
		environments.status(environment, Status.RUNNING);
		try (WsClient bobLogs = openLogs(environment, JWT.token("bob"));
				WsClient bobStatus = WsClient.connect(gateway.statusUrl(environment, "token=" + JWT.token("bob")));
				WsClient aliceLogs = openLogs(environment, JWT.token("alice"))) {
			await().until(() -> !bobStatus.ofType("status").isEmpty() || bobStatus.closed.isDone());
			assertThat(bobStatus.closed).isNotDone();
			// when
			jdbc.sql("DELETE FROM environment_acl WHERE environment_id = ? AND principal = 'bob'")
				.param(environment)
				.update();
			// then
			assertThat(bobLogs.awaitClose()).isEqualTo(new Close(4403, "access to this environment revoked"));
			assertThat(bobStatus.awaitClose()).isEqualTo(new Close(4403, "access to this environment revoked"));
			double allowed = gateway.counter(RECHECKS, "outcome", "allowed");
			await().until(() -> gateway.counter(RECHECKS, "outcome", "allowed") > allowed);
			assertThat(aliceLogs.closed).isNotDone();
			environments.write(environment, Stream.STDOUT, 1);
			await().until(() -> !aliceLogs.lines().isEmpty());
		}
	}

	@Test
	void closesATeamMembersConnectionWith4403WhenTheEnvironmentMovesToAnotherTeam() throws Exception {
		String environment = Environments.newId("moved");
		environments.create(environment, "alice", "blue");
		try (WsClient carol = openLogs(environment, JWT.token("carol", "blue"))) {
			jdbc.sql("UPDATE environments SET team = 'green' WHERE environment_id = ?").param(environment).update();
			assertThat(carol.awaitClose().code()).isEqualTo(4403);
		}
	}

	private static WsClient openLogs(String environment, String token) {
		WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + token));
		await().until(() -> !client.ofType("live").isEmpty() || client.closed.isDone());
		assertThat(client.closed).isNotDone();
		return client;
	}

}
