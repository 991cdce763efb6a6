package io.envstream.e2e.hardening;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The gateway's REST API as a signed-in user calls it: the environments it lists, their stored history and (for an
 * admin) their claim.
 */
final class GatewayApi {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private final String token;

	GatewayApi(String baseUrl, String token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	/** Waits until the gateway lists the environment (the collector announced it, the persister stored it). */
	void awaitListed(String environmentId) {
		await("environment " + environmentId + " listed by the gateway").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> get("/api/v1/environments").contains("\"" + environmentId + "\""));
	}

	/** Every stored line of the environment, oldest first ({@code GET /api/v1/environments/{id}/logs}, all pages). */
	List<JsonNode> history(String environmentId) throws IOException, InterruptedException {
		List<JsonNode> lines = new ArrayList<>();
		String after = null;
		do {
			String page = get("/api/v1/environments/" + environmentId + "/logs?limit=10000"
					+ ((after != null) ? "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8) : ""));
			JsonNode body = json.readTree(page);
			body.path("logs").forEach(lines::add);
			after = body.path("next").isString() ? body.path("next").asString() : null;
		}
		while (after != null);
		return lines;
	}

	/** The messages of every stored line of the environment, oldest first. */
	List<String> messages(String environmentId) throws IOException, InterruptedException {
		return history(environmentId).stream().map((line) -> line.path("message").asString()).toList();
	}

	/** Whom the environment belongs to, and the descriptors refused for it ({@code GET …/claim}, admin only). */
	JsonNode claim(String environmentId) throws IOException, InterruptedException {
		return json.readTree(get("/api/v1/environments/" + environmentId + "/claim"));
	}

	/** Moves the environment ({@code POST …/claim}); the response as it came, whatever its status. */
	HttpResponse<String> move(String environmentId, String hostId) throws IOException, InterruptedException {
		return this.http.send(request("/api/v1/environments/" + environmentId + "/claim")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"hostId\":\"" + hostId + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", "Bearer " + this.token)
			.timeout(Duration.ofSeconds(60));
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return response.body();
	}

}
