package io.envstream.gateway.logs;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.gateway.WsClient.Close;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The checks of a new logs connection, each answered with its close code and a reason, in PROTOCOL.md's order. */
class LogsConnectIntegrationTests {

	private static GatewayInstance gateway;

	private static Environments environments;

	private static String environment;

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start();
		environments = new Environments();
		environment = Environments.newId("connect");
		environments.create(environment, "alice", "red");
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	private static Close closeOf(String environmentId, String query) throws Exception {
		try (WsClient client = WsClient.connect(gateway.logsUrl(environmentId, query))) {
			return client.awaitClose();
		}
	}

	@Test
	void refusesMissingMalformedAndForgedTokensWith4401() throws Exception {
		assertThat(closeOf(environment, null).code()).isEqualTo(4401);
		assertThat(closeOf(environment, "token=not-a-jwt").code()).isEqualTo(4401);
		assertThat(closeOf(environment, "token=" + JWT.tokenSignedByOtherKey("alice")).code()).isEqualTo(4401);
		assertThat(closeOf(environment, "token=" + JWT.unsignedToken("alice")).code()).isEqualTo(4401);
		assertThat(closeOf(environment, "token=" + JWT.expiredToken("alice")).code()).isEqualTo(4401);
		assertThat(closeOf(environment, "token=" + JWT.tokenWithIssuer("alice", "https://evil.example")).code())
			.isEqualTo(4401);
		Close wrongAudience = closeOf(environment, "token=" + JWT.tokenWithAudience("alice", "someone-else"));
		assertThat(wrongAudience.code()).isEqualTo(4401);
		assertThat(wrongAudience.reason()).isNotBlank();
	}

	@Test
	void checksTheTokenBeforeTheEnvironment() throws Exception {
		assertThat(closeOf("no-such-environment", "token=" + JWT.expiredToken("alice")).code()).isEqualTo(4401);
	}

	@Test
	void refusesUnknownEnvironmentWith4404() throws Exception {
		Close close = closeOf("no-such-environment", "token=" + JWT.token("alice"));
		assertThat(close.code()).isEqualTo(4404);
		assertThat(close.reason()).contains("not found");
	}

	@Test
	void refusesAnotherUsersEnvironmentWith4403() throws Exception {
		Close close = closeOf(environment, "token=" + JWT.token("mallory", "blue"));
		assertThat(close.code()).isEqualTo(4403);
		assertThat(close.reason()).isNotBlank();
	}

	@Test
	void admitsOwnerTeamAdminAndGrantsButNotOthers() {
		String granted = Environments.newId("granted");
		environments.create(granted, "alice", "red");
		environments.grant(granted, "user", "bob");
		environments.grant(granted, "team", "green");
		assertStaysOpen(granted, JWT.token("alice"));
		assertStaysOpen(granted, JWT.token("carol", "red"));
		assertStaysOpen(granted, JWT.token("root", null, "envstream:admin"));
		assertStaysOpen(granted, JWT.token("bob"));
		assertStaysOpen(granted, JWT.token("dave", "green"));
	}

	private static void assertStaysOpen(String environmentId, String token) {
		try (WsClient client = WsClient.connect(gateway.logsUrl(environmentId, "token=" + token))) {
			await().until(() -> !client.ofType("live").isEmpty() || client.closed.isDone());
			assertThat(client.closed).isNotDone();
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void acceptsTheTokenAsBearerSubprotocolAndSelectsEnvstreamV1() {
		try (WsClient client = WsClient.connect(gateway.logsUrl(environment, null), "envstream.v1",
				"bearer." + JWT.token("alice"))) {
			await().until(() -> !client.ofType("live").isEmpty() || client.closed.isDone());
			assertThat(client.closed).isNotDone();
			assertThat(client.subprotocol()).isEqualTo("envstream.v1");
		}
	}

	@Test
	void refusesTamperedCursorWith1008() throws Exception {
		String cursor = CursorCodec.encode(new Cursor(0, 42, 0));
		String tampered = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "BB" : "AA");
		Close close = closeOf(environment, "token=" + JWT.token("alice") + "&resume=" + tampered);
		assertThat(close.code()).isEqualTo(1008);
		assertThat(close.reason()).contains("cursor");
	}

	@Test
	void refusesBadParametersWith1008() throws Exception {
		assertThat(closeOf(environment, "token=" + JWT.token("alice") + "&tail=100001").code()).isEqualTo(1008);
		assertThat(closeOf(environment, "token=" + JWT.token("alice") + "&stream=stdin").code()).isEqualTo(1008);
	}

	@Test
	void closesWith1008OnUnknownOrUnparseableMessages() throws Exception {
		for (String bad : new String[] { "{\"action\":\"dance\"}", "not json", "{\"action\":\"pause\",\"x\":1}" }) {
			try (WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("alice")))) {
				await().until(() -> !client.ofType("live").isEmpty());
				client.send(bad);
				Close close = client.awaitClose();
				assertThat(close.code()).isEqualTo(1008);
				assertThat(close.reason()).isNotBlank();
			}
		}
	}

	@Test
	void closesWith1009OnMessagesOverOneMegabyte() throws Exception {
		try (WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("alice")))) {
			await().until(() -> !client.ofType("live").isEmpty());
			client.send("{\"action\":\"filter\",\"grep\":\"" + "a".repeat(1024 * 1024) + "\"}");
			assertThat(client.awaitClose().code()).isEqualTo(1009);
		}
	}

	@Test
	void acceptsAMessageJustUnderOneMegabyteSentInFragments() {
		try (WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("alice")))) {
			await().until(() -> !client.ofType("live").isEmpty());
			String grep = "b".repeat(400);
			String padding = " ".repeat(1024 * 1024 - 100 - grep.length());
			client.send("{\"action\":\"filter\"," + padding + "\"grep\":\"" + grep + "\"}");
			client.send("{\"action\":\"filter\",\"grep\":\"(\"}");
			await().until(() -> !client.ofType("error").isEmpty());
			assertThat(client.closed).isNotDone();
		}
	}

	@Test
	void closesWith1008OnBinaryMessages() throws Exception {
		try (WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("alice")))) {
			await().until(() -> !client.ofType("live").isEmpty());
			client.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(client.awaitClose().code()).isEqualTo(1008);
		}
	}

	@Test
	void answersAnInvalidRegexWithAnErrorAndStaysOpen() {
		try (WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("alice")))) {
			await().until(() -> !client.ofType("live").isEmpty());
			client.send("{\"action\":\"filter\",\"grep\":\"([a-z\"}");
			await().until(() -> !client.ofType("error").isEmpty());
			assertThat(client.ofType("error").get(0).path("code").asText()).isEqualTo("invalid_regex");
			assertThat(client.closed).isNotDone();
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void sendsHistoryThenClosesWith1000WhenNotFollowing() throws Exception {
		String quiet = Environments.newId("history");
		environments.create(quiet, "alice", null);
		environments.persist(environments.write(quiet, Stream.STDOUT, 3));
		try (WsClient client = WsClient.connect(gateway.logsUrl(quiet, "token=" + JWT.token("alice") + "&follow=false"))) {
			Close close = client.awaitClose();
			assertThat(close.code()).isEqualTo(1000);
			assertThat(client.lines()).hasSize(3);
			assertThat(client.violations).isEmpty();
		}
	}

}
