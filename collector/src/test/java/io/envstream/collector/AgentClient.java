package io.envstream.collector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real WebSocket client (the JDK's) of the agent's terminal endpoint, as the gateway connects:
 * the agent token as {@code Authorization: Bearer}. Records every message and the close.
 */
final class AgentClient implements WebSocket.Listener, AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	record Close(int code, String reason) {
	}

	final List<JsonNode> messages = new CopyOnWriteArrayList<>();

	final CompletableFuture<Close> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final StringBuilder output = new StringBuilder();

	private volatile WebSocket socket;

	static AgentClient connect(int port, String token) {
		AgentClient client = new AgentClient();
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		client.socket = builder.buildAsync(URI.create("ws://localhost:" + port + "/internal/terminal"), client).join();
		return client;
	}

	void input(String data) {
		send(json.writeValueAsString(json.createObjectNode().put("type", "input").put("data", data)));
	}

	void resize(int cols, int rows) {
		send("{\"type\":\"resize\",\"cols\":" + cols + ",\"rows\":" + rows + "}");
	}

	void detach() {
		send("{\"type\":\"detach\"}");
	}

	void send(String text) {
		this.socket.sendText(text, true).join();
	}

	/** The session id of the {@code ready} message, waiting for it. */
	String awaitReady() {
		await().atMost(Duration.ofSeconds(20)).until(() -> !ofType("ready").isEmpty());
		return ofType("ready").get(0).path("session").asString();
	}

	/** Every {@code output} so far, joined. */
	synchronized String output() {
		return this.output.toString();
	}

	void awaitOutput(String text) {
		await().atMost(Duration.ofSeconds(20)).until(() -> output().contains(text));
	}

	List<JsonNode> ofType(String type) {
		return this.messages.stream().filter((message) -> message.path("type").asString().equals(type)).toList();
	}

	Close awaitClose() throws Exception {
		return this.closed.get(20, TimeUnit.SECONDS);
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			JsonNode message = json.readTree(this.partial.toString());
			this.partial.setLength(0);
			this.messages.add(message);
			if (message.path("type").asString().equals("output")) {
				this.output.append(message.path("data").asString());
			}
		}
		webSocket.request(1);
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
		if (!this.socket.isOutputClosed() && !this.closed.isDone()) {
			this.socket.sendClose(1000, "bye").exceptionally((ex) -> null).join();
		}
	}

}
