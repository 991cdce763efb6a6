package io.envstream.gateway.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.envstream.gateway.GatewayInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API's per-user rate, against a real gateway and PostgreSQL. */
class RestRateLimitIntegrationTests {

	private static final int BURST = 2;

	private static GatewayInstance gateway;

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start("--envstream.gateway.limits.rest-request-burst=" + BURST,
				"--envstream.gateway.limits.rest-requests-per-second=0.01");
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void aUserOverTheRateGets429WithRetryAfterBeforeAnyAccessCheckWhileAnotherUserIsServed() throws Exception {
		// given carol spent her burst
		for (int i = 0; i < BURST; i++) {
			assertThat(get("/api/v1/environments", "carol").statusCode()).isEqualTo(200);
		}

		// when she asks again, even for an environment that does not exist
		HttpResponse<String> list = get("/api/v1/environments", "carol");
		HttpResponse<String> unknown = get("/api/v1/environments/no-such-environment/logs", "carol");

		// then she is told to wait, in the API's error shape, before the database is asked anything (no 404)
		for (HttpResponse<String> response : List.of(list, unknown)) {
			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isPositive();
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/json"));
			assertThat(json.readTree(response.body()))
				.isEqualTo(json.readTree("{\"status\":429,\"message\":\"too many requests, retry later\"}"));
		}
		// and another user is served as before
		assertThat(get("/api/v1/environments", "dave").statusCode()).isEqualTo(200);
		assertThat(gateway.counter("envstream.gateway.limits.refused", "limit", "rest")).isEqualTo(2);
	}

	@Test
	void aRequestWithoutAValidTokenIsRefusedByAuthenticationNotTheRate() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create(gateway.httpUrl("/api/v1/environments")))
			.header("Authorization", "Bearer not-a-token")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> get(String path, String user) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(gateway.httpUrl(path)))
			.header("Authorization", "Bearer " + JWT.token(user))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
