package io.envstream.gateway.limits;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The connect rate per client address applies before authentication: every client here is
 * 127.0.0.1, and once its burst is spent a handshake is answered HTTP 429 whatever its token.
 */
class ConnectRatePerAddressIntegrationTests {

	private static final int BURST = 3;

	private static GatewayInstance gateway;

	private static Environments environments;

	private static String environment;

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start("--envstream.gateway.limits.address-connect-burst=" + BURST,
				"--envstream.gateway.limits.address-connects-per-second=0.01");
		environments = new Environments();
		environment = Environments.newId("address-rate");
		environments.create(environment, "alice", null);
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	@Test
	void aHandshakeBeyondTheAddressRateGets429BeforeItsTokenIsRead() throws Exception {
		// given an address that spent its burst on handshakes with bad tokens (each one read: 4401)
		for (int i = 0; i < BURST; i++) {
			try (WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=not-a-token"))) {
				assertThat(client.awaitClose().code()).isEqualTo(4401);
			}
		}

		// when it tries again, with a bad token and then with a good one
		HttpResponse<?> badToken = refusedHandshake("token=not-a-token");
		HttpResponse<?> goodToken = refusedHandshake("token=" + JWT.token("alice"));

		// then both are refused before the upgrade: 429, not 4401, and told when to retry
		for (HttpResponse<?> response : new HttpResponse<?>[] { badToken, goodToken }) {
			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isPositive();
		}
		HttpResponse<String> plain = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(gateway.httpUrl("/api/v1/ws/environments/" + environment + "/logs")))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(plain.statusCode()).isEqualTo(429);
		assertThat(plain.body()).isEqualTo("{\"status\":429,\"message\":\"too many connects from this address, retry later\"}");
		assertThat(gateway.counter("envstream.gateway.limits.refused", "limit", "address-connect")).isEqualTo(3);
	}

	private static HttpResponse<?> refusedHandshake(String query) {
		CompletionException failure = catchThrowableOfType(CompletionException.class,
				() -> HttpClient.newHttpClient()
					.newWebSocketBuilder()
					.buildAsync(URI.create(gateway.logsUrl(environment, query)), new WebSocket.Listener() {
					})
					.join());
		assertThat(failure).isNotNull().hasCauseInstanceOf(WebSocketHandshakeException.class);
		return ((WebSocketHandshakeException) failure.getCause()).getResponse();
	}

}
