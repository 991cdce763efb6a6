package io.envstream.gateway.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.testsupport.issuer.IssuerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway that trusts the demo issuer (its own process, as in the compose fleet) through its JWK
 * set: the issuer signs, the gateway maps {@code team} and the admin scope, and refuses with 4401 a
 * token of another issuer, and a token of this issuer for another audience. The issuer URL is a
 * name that does not resolve: the gateway compares {@code iss} with a string and fetches the keys
 * at an address of its own, as gateways inside a compose network do.
 */
class OidcIssuerIntegrationTests {

	private static final String ISSUER = "http://issuer.envstream.test:9000";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static IssuerProcess issuer;

	private static IssuerProcess otherIssuer;

	private static GatewayInstance gateway;

	private static Environments environments;

	private static String paymentsEnvironment;

	@BeforeAll
	static void start() throws Exception {
		issuer = IssuerProcess.start(ISSUER, Path.of("target", "issuer.log"),
				"--envstream.issuer.programs.payments-bot.secret=p", "--envstream.issuer.programs.payments-bot.team=payments",
				"--envstream.issuer.programs.web-bot.secret=w", "--envstream.issuer.programs.web-bot.team=web",
				"--envstream.issuer.programs.root-bot.secret=r", "--envstream.issuer.programs.root-bot.admin=true");
		otherIssuer = IssuerProcess.start("http://other-issuer.envstream.test", Path.of("target", "other-issuer.log"),
				"--envstream.issuer.programs.payments-bot.secret=p", "--envstream.issuer.programs.payments-bot.team=payments");
		gateway = GatewayInstance.start("--envstream.gateway.jwt.issuer=" + ISSUER,
				"--envstream.gateway.jwt.jwk-set-uri=" + issuer.jwkSetUri(), "--envstream.gateway.jwt.public-key=",
				"--envstream.gateway.sign-in.client-id=envstream-web");
		environments = new Environments();
		paymentsEnvironment = Environments.newId("oidc");
		environments.create(paymentsEnvironment, "someone-else", "payments");
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable each : new AutoCloseable[] { environments, gateway, otherIssuer, issuer }) {
			if (each != null) {
				try {
					each.close();
				}
				catch (Exception ex) {
					// the others are closed all the same
				}
			}
		}
	}

	@Test
	void admitsATeamMemberByTheTeamClaimOfTheIssuersToken() throws Exception {
		assertStaysOpen(issuer.programToken("payments-bot", "p"));
		assertThat(listedIds(issuer.programToken("payments-bot", "p"))).contains(paymentsEnvironment);
	}

	@Test
	void refusesAnotherTeamWith4403AndAdmitsTheAdminScope() throws Exception {
		assertThat(closeOf(issuer.programToken("web-bot", "w"))).isEqualTo(4403);
		assertStaysOpen(issuer.programToken("root-bot", "r"));
		assertThat(listedIds(issuer.programToken("root-bot", "r"))).contains(paymentsEnvironment);
	}

	@Test
	void refusesATokenOfAnotherIssuerWith4401() throws Exception {
		assertThat(closeOf(otherIssuer.programToken("payments-bot", "p"))).isEqualTo(4401);
	}

	@Test
	void refusesATokenForAnotherAudienceWith4401() throws Exception {
		try (GatewayInstance otherApi = GatewayInstance.start("--envstream.gateway.jwt.issuer=" + ISSUER,
				"--envstream.gateway.jwt.jwk-set-uri=" + issuer.jwkSetUri(), "--envstream.gateway.jwt.public-key=",
				"--envstream.gateway.jwt.audience=another-api");
				WsClient client = WsClient.connect(otherApi.logsUrl(paymentsEnvironment,
						"token=" + issuer.programToken("payments-bot", "p")))) {
			assertThat(client.awaitClose().code()).isEqualTo(4401);
		}
	}

	@Test
	void tellsTheWebUiWhereToSignInWithoutAToken() throws Exception {
		HttpResponse<String> response = get("/api/v1/sign-in", null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode signIn = JSON.readTree(response.body());
		assertThat(signIn.get("issuer").asString()).isEqualTo(ISSUER);
		assertThat(signIn.get("clientId").asString()).isEqualTo("envstream-web");
		assertThat(signIn.get("scope").asString()).isEqualTo("openid profile");
	}

	private static void assertStaysOpen(String token) {
		try (WsClient client = WsClient.connect(gateway.logsUrl(paymentsEnvironment, "token=" + token))) {
			await().until(() -> !client.ofType("live").isEmpty() || client.closed.isDone());
			assertThat(client.closed).isNotDone();
		}
	}

	private static int closeOf(String token) throws Exception {
		try (WsClient client = WsClient.connect(gateway.logsUrl(paymentsEnvironment, "token=" + token))) {
			return client.awaitClose().code();
		}
	}

	private static java.util.List<String> listedIds(String token) throws Exception {
		HttpResponse<String> response = get("/api/v1/environments", token);
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).valueStream().map((each) -> each.get("id").asString()).toList();
	}

	private static HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.httpUrl(path)));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
