package io.envstream.e2e.webui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.envstream.testsupport.issuer.IssuerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sign-in as a deployment does it, in a real browser: a standalone whose gateway trusts the demo issuer (its own
 * process) instead of standalone's key, and names it to the UI. The person signs in on the issuer's login page, sees
 * the environment list, runs {@code echo hi} in a demo environment's terminal; the issuer's 40-second tokens are
 * renewed by the UI (half-way, 20 s before they expire) while the logs keep flowing past the old token's expiry without
 * gap or repeat; sign-out. Artifacts under {@code e2e/target/web-ui-oidc/}.
 */
class OidcSignInIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(OidcSignInIntegrationTests.class);

	private static final Path WORK = Path.of("target", "web-ui-oidc").toAbsolutePath();

	private static IssuerProcess issuer;

	private static StandaloneProcess standalone;

	@BeforeAll
	static void start() throws Exception {
		WebUiSetup.deleteRecursively(WORK);
		Files.createDirectories(WORK);
		// the gateway learns the issuer's address before the issuer learns the UI's (its redirect URI); the issuer
		// starts while the standalone does, which is known by its address from the launch
		int issuerPort = IssuerProcess.freePort();
		String issuerUrl = "http://127.0.0.1:" + issuerPort;
		standalone = StandaloneProcess.launch(WORK, "--envstream.gateway.jwt.issuer=" + issuerUrl,
				"--envstream.gateway.jwt.jwk-set-uri=" + issuerUrl + "/oauth2/jwks",
				"--envstream.gateway.sign-in.client-id=envstream-web");
		issuer = IssuerProcess.start(issuerPort, null, WORK.resolve("issuer.log"),
				"--envstream.issuer.web.redirect-uris=" + standalone.gatewayUrl() + "/",
				"--envstream.issuer.access-token-lifetime=40s", "--envstream.issuer.programs.e2e-admin.secret=e2e",
				"--envstream.issuer.programs.e2e-admin.admin=true");
		standalone.awaitGateway();
	}

	@AfterAll
	static void stop() {
		if (standalone != null) {
			standalone.close();
		}
		if (issuer != null) {
			issuer.close();
		}
	}

	@Test
	void signsInAtTheIssuerOpensATerminalAndKeepsTheLogsFlowingAcrossATokenRenewal() throws Exception {
		// given
		String id = "web-oidc-" + UUID.randomUUID().toString().substring(0, 8);
		try (DemoContainer demo = DockerFixture.shared().startDemo(id, "lines", "-r", "10", "-p", "oidc")) {
			String token = issuer.programToken("e2e-admin", "e2e");
			await("environment " + id + " listed by the gateway").atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> environments(token).contains("\"" + demo.environmentId() + "\""));
			// when
			BrowserScript.Outcome outcome = BrowserScript.run("oidc-sign-in.browser-test.mjs",
					Map.of("ENVSTREAM_URL", standalone.gatewayUrl(), "ENVSTREAM_USER", "admin", "ENVSTREAM_PASSWORD",
							"admin-demo", "ENVSTREAM_ENV", demo.environmentId()),
					WORK.resolve("browser"), Duration.ofMinutes(8));
			// then
			log.info("browser sign-in checks:\n{}", outcome.output());
			assertThat(outcome.exitCode()).as("browser sign-in checks failed:\n%s\n(screenshots in %s; %s ends with:\n%s)",
					outcome.failures(), WORK.resolve("browser"), standalone.log(), standalone.tail(30)).isZero();
		}
	}

	private static String environments(String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(standalone.gatewayUrl() + "/api/v1/environments"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
