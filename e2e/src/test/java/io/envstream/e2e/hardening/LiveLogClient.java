package io.envstream.e2e.hardening;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client following an environment's logs at the gateway, as a browser would: it keeps every line
 * it receives with the moment it arrived, so a test can check each line came once and that the stream never went
 * silent for long.
 */
final class LiveLogClient implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** One received line: its per-container sequence number, text and arrival ({@link System#nanoTime()}). */
	record Received(long seq, String message, long arrivedNanos) {
	}

	private final List<Received> received = new ArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	private volatile String closed;

	private LiveLogClient(String gatewayUrl, String environmentId, String token) throws Exception {
		URI uri = URI.create(gatewayUrl.replaceFirst("^http", "ws") + "/api/v1/ws/environments/" + environmentId
				+ "/logs?tail=10000&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(uri, new Listener())
			.get(30, TimeUnit.SECONDS);
	}

	/** Connects and follows the environment from its first stored line on. */
	static LiveLogClient follow(String gatewayUrl, String environmentId, String token) throws Exception {
		return new LiveLogClient(gatewayUrl, environmentId, token);
	}

	synchronized List<Received> received() {
		return List.copyOf(this.received);
	}

	/** The close code and reason if the gateway closed the connection, else null. */
	String closed() {
		return this.closed;
	}

	/** The longest time between two consecutive lines, from the first line received to the last. */
	synchronized Duration longestSilence() {
		long longest = 0;
		for (int i = 1; i < this.received.size(); i++) {
			longest = Math.max(longest, this.received.get(i).arrivedNanos() - this.received.get(i - 1).arrivedNanos());
		}
		return Duration.ofNanos(longest);
	}

	private synchronized void onMessage(String text) {
		long now = System.nanoTime();
		JsonNode message = json.readTree(text);
		switch (message.path("type").asString()) {
			case "log" -> add(message, now);
			case "batch" -> message.path("logs").forEach((line) -> add(line, now));
			default -> {
				// live, lag, gap: not lines
			}
		}
	}

	private void add(JsonNode line, long now) {
		this.received.add(new Received(line.path("meta").path("seq").asLong(), line.path("message").asString(), now));
	}

	@Override
	public void close() {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally((ex) -> null).orTimeout(5, TimeUnit.SECONDS);
		this.socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			LiveLogClient.this.partial.append(data);
			if (last) {
				String text = LiveLogClient.this.partial.toString();
				LiveLogClient.this.partial.setLength(0);
				onMessage(text);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			LiveLogClient.this.closed = statusCode + " " + reason;
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			LiveLogClient.this.closed = "error " + error;
		}

	}

}
