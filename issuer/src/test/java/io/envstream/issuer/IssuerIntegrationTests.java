package io.envstream.issuer;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issuer started as {@code main} starts it, on a random port, and driven by a real HTTP client
 * the way a browser and a program do: the login form, the code flow with PKCE, client credentials.
 * Its issuer URL is a name that does not resolve, as in a compose network where browsers and
 * gateways reach the issuer at different addresses: {@code iss} is that name all the same.
 */
class IssuerIntegrationTests {

	private static final String ISSUER = "http://issuer.envstream.test:9000";

	private static final String REDIRECT = "http://localhost:8080/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ConfigurableApplicationContext issuer;

	private static String base;

	@BeforeAll
	static void startIssuer() {
		issuer = IssuerApplication.application()
			.run("--server.port=0", "--spring.main.banner-mode=off", "--envstream.issuer.url=" + ISSUER,
					"--envstream.issuer.access-token-lifetime=90s",
					"--envstream.issuer.web.redirect-uris=" + REDIRECT,
					"--envstream.issuer.programs.deploy-bot.secret=bot-secret",
					"--envstream.issuer.programs.deploy-bot.team=web",
					"--envstream.issuer.programs.deploy-bot.admin=true");
		base = "http://127.0.0.1:" + issuer.getEnvironment().getProperty("local.server.port");
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@Test
	void signsInWithCodeAndPkceAndGivesAnAccessTokenWithTheUsersTeam() throws Exception {
		// given
		Browser browser = new Browser();
		String verifier = randomToken();
		// when
		String code = browser.signIn("ann", "ann-demo", challenge(verifier));
		JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
				"client_id", "envstream-web", "code_verifier", verifier));
		// then
		Jwt access = verified(tokens.get("access_token").asString());
		assertThat(access.getSubject()).isEqualTo("ann");
		assertThat(access.getClaimAsString("iss")).isEqualTo(ISSUER);
		assertThat(access.getAudience()).containsExactly("envstream");
		assertThat(access.getClaimAsString("team")).isEqualTo("payments");
		assertThat(access.getClaimAsString("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile");
		assertThat(Duration.between(access.getIssuedAt(), access.getExpiresAt())).isEqualTo(Duration.ofSeconds(90));
		assertThat(tokens.has("id_token")).isTrue();
		assertThat(tokens.has("refresh_token")).as("a public client gets none: the UI renews silently").isFalse();
	}

	@Test
	void givesAnAdminTheAdminScope() throws Exception {
		Browser browser = new Browser();
		String verifier = randomToken();
		String code = browser.signIn("admin", "admin-demo", challenge(verifier));
		JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
				"client_id", "envstream-web", "code_verifier", verifier));
		Jwt access = verified(tokens.get("access_token").asString());
		assertThat(access.getClaimAsString("scope").split(" ")).contains("envstream:admin");
		assertThat(access.hasClaim("team")).isFalse();
	}

	@Test
	void refusesACodeExchangedWithTheWrongVerifier() throws Exception {
		Browser browser = new Browser();
		String code = browser.signIn("bob", "bob-demo", challenge(randomToken()));
		HttpResponse<String> response = tokenResponse(Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT, "client_id", "envstream-web", "code_verifier", randomToken()));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("invalid_grant");
	}

	@Test
	void keepsAWrongPasswordOnTheLoginPage() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> login = browser.get(authorizeUrl(challenge(randomToken())));
		assertThat(login.statusCode()).isEqualTo(302);
		HttpResponse<String> posted = browser.postLogin("ann", "wrong");
		assertThat(posted.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
	}

	@Test
	void givesAProgramATokenWithItsConfiguredClaims() throws Exception {
		JsonNode tokens = token(Map.of("grant_type", "client_credentials", "client_id", "deploy-bot", "client_secret",
				"bot-secret"));
		Jwt access = verified(tokens.get("access_token").asString());
		assertThat(access.getSubject()).isEqualTo("deploy-bot");
		assertThat(access.getClaimAsString("team")).isEqualTo("web");
		assertThat(access.getClaimAsString("scope")).isEqualTo("envstream:admin");
		assertThat(access.getAudience()).containsExactly("envstream");
	}

	@Test
	void refusesAProgramWithTheWrongSecret() throws Exception {
		HttpResponse<String> response = tokenResponse(Map.of("grant_type", "client_credentials", "client_id",
				"deploy-bot", "client_secret", "guess"));
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void publishesItsFixedIssuerUrlAndLetsTheWebUiOriginReadIt() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration"))
				.header("Origin", "http://localhost:8080")
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode discovery = JSON.readTree(response.body());
		assertThat(discovery.get("issuer").asString()).isEqualTo(ISSUER);
		assertThat(discovery.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
	}

	private static Jwt verified(String token) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(base + "/oauth2/jwks").build();
		decoder.setJwtValidator((jwt) -> org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success());
		return decoder.decode(token);
	}

	private static JsonNode token(Map<String, String> form) throws IOException, InterruptedException {
		HttpResponse<String> response = tokenResponse(form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static HttpResponse<String> tokenResponse(Map<String, String> form) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(form)))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String authorizeUrl(String challenge) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("response_type", "code");
		query.put("client_id", "envstream-web");
		query.put("redirect_uri", REDIRECT);
		query.put("scope", "openid profile");
		query.put("state", "s1");
		query.put("code_challenge", challenge);
		query.put("code_challenge_method", "S256");
		return base + "/oauth2/authorize?" + form(query);
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String randomToken() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	/** A client that keeps the issuer's session cookie and follows no redirect by itself. */
	private static final class Browser {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> get(String url) throws IOException, InterruptedException {
			return this.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> postLogin(String user, String password) throws IOException, InterruptedException {
			Matcher csrf = CSRF.matcher(get(base + "/login").body());
			assertThat(csrf.find()).as("the login form has a CSRF token").isTrue();
			return this.http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString(form(Map.of("username", user, "password", password, "_csrf", csrf.group(1)))))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		/** Authorize (sent to the login form), sign in, authorize again: the code from the redirect. */
		String signIn(String user, String password, String challenge) throws IOException, InterruptedException {
			HttpResponse<String> first = get(authorizeUrl(challenge));
			assertThat(first.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
			HttpResponse<String> login = postLogin(user, password);
			assertThat(login.statusCode()).isEqualTo(302);
			String back = login.headers().firstValue("Location").orElseThrow();
			HttpResponse<String> authorized = get(back.startsWith("http") ? back : base + back);
			String redirect = authorized.headers().firstValue("Location").orElseThrow();
			assertThat(redirect).startsWith(REDIRECT + "?code=").endsWith("&state=s1");
			return URI.create(redirect).getQuery().replaceAll(".*code=([^&]+).*", "$1");
		}

	}

}
