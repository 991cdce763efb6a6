package io.envstream.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;

/**
 * A real WebSocket client (the JDK's) that records every message, checks each against the
 * protocol's JSON Schema for the server messages of its endpoint, and records the close. It reads only as fast as
 * the test lets it ({@link #stopReading()}), like a real slow client.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

	private static final ObjectMapper json = new ObjectMapper();

	private static final Map<String, JsonSchema> serverMessageSchemas = new ConcurrentHashMap<>();

	/** How a connection was closed. */
	public record Close(int code, String reason) {
	}

	public final List<JsonNode> messages = new CopyOnWriteArrayList<>();

	/** When each of {@link #messages} arrived ({@link System#nanoTime()}), at the same index. */
	public final List<Long> arrivalNanos = new CopyOnWriteArrayList<>();

	public final List<String> violations = new CopyOnWriteArrayList<>();

	public final CompletableFuture<Close> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private volatile boolean reading = true;

	private volatile WebSocket socket;

	private final JsonSchema serverMessages;

	private WsClient(JsonSchema serverMessages) {
		this.serverMessages = serverMessages;
	}

	/** The schema of the server messages of the URL's endpoint (its last path segment: logs, status, …). */
	private static JsonSchema serverMessagesOf(String url) {
		String path = URI.create(url).getPath();
		String endpoint = path.substring(path.lastIndexOf('/') + 1);
		return serverMessageSchemas.computeIfAbsent(endpoint, (name) -> JsonSchemaFactory.getInstance(VersionFlag.V202012)
			.getSchema(SchemaLocation.of("classpath:protocol/json-schema/" + name + "-server-message.schema.json"),
					SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).pathType(PathType.JSON_PATH).build()));
	}

	public static WsClient connect(String url, String... subprotocols) {
		return connect(HttpClient.newHttpClient().newWebSocketBuilder(), url, subprotocols);
	}

	/** Connects as a browser page of {@code origin} would: with that {@code Origin} header. */
	public static WsClient connectFrom(String origin, String url) {
		return connect(HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin), url);
	}

	/** Connects as a gateway connects to a terminal agent: the agent token as a bearer, over {@code http}'s TLS. */
	public static WsClient connectWithBearer(HttpClient http, String url, String token) {
		return connect(http.newWebSocketBuilder().header("Authorization", "Bearer " + token), url);
	}

	private static WsClient connect(WebSocket.Builder builder, String url, String... subprotocols) {
		WsClient client = new WsClient(serverMessagesOf(url));
		builder.connectTimeout(Duration.ofSeconds(5));
		if (subprotocols.length > 0) {
			builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
		}
		client.socket = builder.buildAsync(URI.create(url), client).join();
		return client;
	}

	public String subprotocol() {
		return this.socket.getSubprotocol();
	}

	public void send(String text) {
		this.socket.sendText(text, true).join();
	}

	public void sendBinary(byte[] data) {
		this.socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
	}

	public void stopReading() {
		this.reading = false;
	}

	public void startReading() {
		this.reading = true;
		this.socket.request(1);
	}

	public Close awaitClose() throws Exception {
		return this.closed.get(20, TimeUnit.SECONDS);
	}

	/** Every log line received, in order, from {@code log} and {@code batch} messages. */
	public List<JsonNode> lines() {
		List<JsonNode> lines = new ArrayList<>();
		for (JsonNode message : this.messages) {
			String type = message.path("type").asText();
			if (type.equals("log")) {
				lines.add(message);
			}
			else if (type.equals("batch")) {
				message.path("logs").forEach(lines::add);
			}
		}
		return lines;
	}

	public List<Long> seqs() {
		return lines().stream().map((line) -> line.path("meta").path("seq").asLong()).toList();
	}

	public List<JsonNode> ofType(String type) {
		return this.messages.stream().filter((message) -> message.path("type").asText().equals(type)).toList();
	}

	public String lastCursor() {
		List<JsonNode> lines = lines();
		return lines.get(lines.size() - 1).path("meta").path("cursor").asText();
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		long arrived = System.nanoTime();
		this.partial.append(data);
		if (last) {
			String text = this.partial.toString();
			this.partial.setLength(0);
			try {
				JsonNode message = json.readTree(text);
				this.serverMessages.validate(message).forEach((v) -> this.violations.add(v + " in " + text));
				this.arrivalNanos.add(arrived);
				this.messages.add(message);
			}
			catch (Exception ex) {
				this.violations.add("not JSON: " + text);
			}
		}
		if (this.reading) {
			webSocket.request(1);
		}
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(new Close(statusCode, reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.complete(new Close(1006, String.valueOf(error)));
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(1000, "bye");
		}
		this.socket.abort();
	}

}
