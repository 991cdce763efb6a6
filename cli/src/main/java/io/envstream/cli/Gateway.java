package io.envstream.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The gateway's REST API, as the CLI uses it; HTTP errors become {@link CliException}s with their exit status. */
public final class Gateway {

	public static final ObjectMapper JSON = new ObjectMapper();

	private final Target target;

	private final HttpClient http;

	public Gateway(Target target) {
		this.target = target;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	}

	public Target target() {
		return this.target;
	}

	public HttpClient http() {
		return this.http;
	}

	/** The environments the caller may see, with their latest state ({@code GET /api/v1/environments}). */
	public JsonNode environments() {
		return get(this.target.http("/api/v1/environments", null));
	}

	/** A path segment, percent-encoded. */
	public static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** A query parameter's value, percent-encoded. */
	public static String query(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private JsonNode get(URI uri) {
		String token = this.target.token();
		if (token == null) {
			throw new CliException(Exit.UNAUTHORIZED,
					"no token: envstream login --url URL --token T, or set ENVSTREAM_TOKEN");
		}
		HttpRequest request = HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(30))
			.build();
		Reconnect retries = this.target.reconnect();
		while (true) {
			HttpResponse<String> response = send(request);
			if (response.statusCode() == 200) {
				return parse(response.body(), uri);
			}
			Optional<Duration> wait = (response.statusCode() == 429) ? retries.after(4429) : Optional.empty();
			if (wait.isEmpty()) {
				throw new CliException(Exit.ofHttp(response.statusCode()),
						uri.getPath() + ": " + response.statusCode() + " " + message(response.body()));
			}
			sleep(response.headers().firstValue("Retry-After").map(Gateway::seconds).orElse(wait.get()));
		}
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (ConnectException ex) {
			throw new CliException(Exit.FAILURE, "cannot reach the gateway at " + this.target.url()
					+ ": connection refused (is it running? envstream config get-contexts shows the URL)");
		}
		catch (IOException ex) {
			throw new CliException(Exit.FAILURE, "cannot reach the gateway at " + this.target.url() + ": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException(Exit.FAILURE, "interrupted");
		}
	}

	private static JsonNode parse(String body, URI uri) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new CliException(Exit.FAILURE, uri.getPath() + " answered something other than JSON");
		}
	}

	/** The API's error body {@code {"status":..,"message":".."}} in words, or the body itself. */
	private static String message(String body) {
		try {
			JsonNode error = JSON.readTree(body);
			if (error != null && error.hasNonNull("message")) {
				return error.get("message").asText();
			}
		}
		catch (JacksonException ex) {
			// not the API's error body (a proxy's page, say): show it as it is
		}
		return (body == null || body.isBlank()) ? "" : body.strip();
	}

	private static Duration seconds(String header) {
		try {
			return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
		}
		catch (NumberFormatException ex) {
			return Duration.ofSeconds(1);
		}
	}

	/**
	 * Waits out a retry's backoff (a 429's Retry-After, the reconnect rules' delay). A plain sleep, not a scheduler:
	 * the command's one thread has nothing else to do until the next attempt, and Ctrl-C interrupts it.
	 */
	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException(Exit.FAILURE, "interrupted");
		}
	}

}
