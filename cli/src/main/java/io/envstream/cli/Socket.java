package io.envstream.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One WebSocket connection read as a queue of events: each text message, then one close (a failed handshake or a lost
 * connection is a close 1006, as a browser reports it). The token travels as the {@code bearer.<JWT>} subprotocol
 * beside {@code envstream.v1}, so it stays out of URLs and access logs.
 */
public final class Socket implements AutoCloseable {

	/** What the connection delivered: a text message, or its end. */
	public sealed interface Event permits Text, Closed {
	}

	public record Text(String text) implements Event {

		/** The message as JSON; empty when it is not JSON (a server speaks only JSON: skipped, never fatal). */
		public Optional<JsonNode> json() {
			try {
				return Optional.ofNullable(Gateway.JSON.readTree(this.text));
			}
			catch (JacksonException ex) {
				return Optional.empty();
			}
		}

	}

	public record Closed(int code, String reason) implements Event {
	}

	private static final Closed STOPPED = new Closed(1000, "client closed");

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private volatile WebSocket webSocket;

	private volatile boolean ended;

	private Socket() {
	}

	/** Connects; a failure is the first event (a close), never an exception. */
	public static Socket open(HttpClient http, URI uri, String token) {
		Socket socket = new Socket();
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.subprotocols("envstream.v1", "bearer." + token);
		}
		try {
			socket.webSocket = builder.buildAsync(uri, socket.new Listener()).join();
		}
		catch (CompletionException ex) {
			socket.end(handshakeFailure(ex.getCause()));
		}
		return socket;
	}

	private static Closed handshakeFailure(Throwable cause) {
		if (cause instanceof WebSocketHandshakeException handshake) {
			int status = handshake.getResponse().statusCode();
			// 429: the per-address connect rate, before any token is read; retried as 4429 is
			return switch (status) {
				case 429 -> new Closed(4429, "too many connects from this address (HTTP 429)");
				case 401 -> new Closed(4401, "HTTP 401");
				case 403 -> new Closed(4403, "HTTP 403 at the handshake (a proxy, or a foreign Origin)");
				case 404 -> new Closed(4404, "HTTP 404: no such endpoint (is the URL a gateway's?)");
				default -> new Closed(1006, "handshake refused with HTTP " + status);
			};
		}
		return new Closed(1006, String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause));
	}

	/** The next event, waiting for it. */
	public Event next() throws InterruptedException {
		return this.events.take();
	}

	/** The next event, or {@code null} when none came within {@code timeout}. */
	public Event next(Duration timeout) throws InterruptedException {
		return this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Sends a text message; dropped when the connection is gone (its close event says so). */
	public synchronized void send(String text) {
		WebSocket socket = this.webSocket;
		if (socket != null && !socket.isOutputClosed()) {
			try {
				socket.sendText(text, true).join();
			}
			catch (CompletionException ex) {
				// the connection went away: its close (or an error as 1006) is already on its way
			}
		}
	}

	/** Closes with 1000; the event queue ends with a close as well. */
	@Override
	public void close() {
		WebSocket socket = this.webSocket;
		if (socket != null && !socket.isOutputClosed()) {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").exceptionally((ex) -> null);
			socket.abort();
		}
		end(STOPPED);
	}

	private synchronized void end(Closed closed) {
		if (!this.ended) {
			this.ended = true;
			this.events.add(closed);
		}
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				Socket.this.events.add(new Text(this.partial.toString()));
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			end(new Closed(statusCode, reason));
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			end(new Closed(1006, String.valueOf(error.getMessage() != null ? error.getMessage() : error)));
		}

	}

}
