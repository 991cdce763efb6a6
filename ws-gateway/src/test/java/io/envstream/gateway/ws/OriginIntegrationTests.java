package io.envstream.gateway.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** The handshake's {@code Origin} check: another site's page cannot open a socket with its visitor's token. */
class OriginIntegrationTests {

	private static final String ALLOWED_ORIGIN = "https://ui.example.com";

	private static GatewayInstance gateway;

	private static Environments environments;

	private static String environment;

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start("--envstream.gateway.allowed-origins=" + ALLOWED_ORIGIN);
		environments = new Environments();
		environment = Environments.newId("origin");
		environments.create(environment, "alice", "red");
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	@Test
	void refusesAForeignOriginWith403AtTheHandshakeOfEveryEndpointEvenWithAValidToken() {
		for (String endpoint : List.of("logs", "status", "terminal")) {
			assertThat(handshakeStatusFrom("https://evil.example", url(endpoint))).as(endpoint).isEqualTo(403);
		}
	}

	@Test
	void refusesAForeignOriginBeforeLookingAtTheToken() {
		String withoutToken = "ws://localhost:" + gateway.port() + "/api/v1/ws/environments/" + environment + "/logs";

		assertThat(handshakeStatusFrom("http://localhost:1", withoutToken)).isEqualTo(403);
	}

	@Test
	void connectsFromAConfiguredOrigin() {
		assertLive(WsClient.connectFrom(ALLOWED_ORIGIN, url("logs")));
	}

	@Test
	void connectsFromTheGatewaysOwnOrigin() {
		assertLive(WsClient.connectFrom("http://localhost:" + gateway.port(), url("logs")));
	}

	@Test
	void connectsWithoutAnOriginAsNonBrowserClientsDo() {
		assertLive(WsClient.connect(url("logs")));
	}

	private static void assertLive(WsClient client) {
		try (client) {
			await().until(() -> !client.ofType("live").isEmpty() || client.closed.isDone());
			assertThat(client.closed).isNotDone();
		}
	}

	private static String url(String endpoint) {
		return "ws://localhost:" + gateway.port() + "/api/v1/ws/environments/" + environment + "/" + endpoint
				+ "?token=" + JWT.token("alice");
	}

	private static int handshakeStatusFrom(String origin, String url) {
		Throwable failure = catchThrowable(() -> HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Origin", origin)
			.buildAsync(URI.create(url), new WebSocket.Listener() {
			})
			.join());
		assertThat(failure).isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class);
		return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
	}

}
