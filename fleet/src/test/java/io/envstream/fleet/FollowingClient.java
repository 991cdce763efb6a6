package io.envstream.fleet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import io.envstream.gateway.WsClient;

/**
 * A client that follows an environment's logs through the load balancer as the shipped clients do
 * (PROTOCOL.md, client behaviour): on a close with 1001, 1006, 1011 or 4429 (or a connect that
 * fails) it connects again after a back-off and resumes after the last cursor it received, so it
 * lands on whichever gateway the load balancer picks. Every line of every connection is kept with
 * the wall-clock time it arrived, so a test can check the whole sequence and when it recovered.
 */
final class FollowingClient implements AutoCloseable {

	/** A line as this client received it: its message and when (epoch milliseconds of this machine). */
	record Received(String message, String cursor, long arrivedMillis) {
	}

	private static final List<Integer> RETRIED = List.of(1001, 1006, 1011, 4429);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

	private final String endpoint;

	private final String name;

	/** The connections, oldest first: every line they received is part of what this client saw. */
	private final List<WsClient> connections = new CopyOnWriteArrayList<>();

	/** Closes that were retried, for a failure's message and the report. */
	final List<String> reconnects = new CopyOnWriteArrayList<>();

	private final Thread follower;

	private volatile boolean closing;

	/** The wall clock at {@link #nanoBase}: arrival times of {@link WsClient} are {@link System#nanoTime()}. */
	private final long millisBase = System.currentTimeMillis();

	private final long nanoBase = System.nanoTime();

	/**
	 * Follows {@code logsUrl} (the WebSocket URL of an environment's logs, with its token) with
	 * {@code tail} lines of history first.
	 */
	FollowingClient(String logsUrl, int tail, String name) {
		this.endpoint = logsUrl;
		this.name = name;
		this.follower = new Thread(() -> follow(tail), "follow-" + name);
		this.follower.setDaemon(true);
		this.follower.start();
	}

	private void follow(int tail) {
		Duration backoff = Duration.ofSeconds(1);
		WsClient current = connect("&tail=" + tail);
		while (!this.closing) {
			WsClient.Close close = (current != null) ? closeOf(current) : new WsClient.Close(1006, "connect failed");
			if (close == null) {
				// still open: once lines flow the next back-off starts again from 1 s
				if (!current.lines().isEmpty()) {
					backoff = Duration.ofSeconds(1);
				}
				continue;
			}
			if (this.closing) {
				return;
			}
			if (!RETRIED.contains(close.code())) {
				this.reconnects.add("not retried: " + close);
				return;
			}
			this.reconnects.add(close.toString());
			Fleet.sleep(backoff);
			backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			String cursor = lastCursor();
			current = connect((cursor == null) ? "&tail=" + tail : "&resume=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
		}
	}

	/** How {@code connection} closed, or null while it stays open for another second. */
	private static WsClient.Close closeOf(WsClient connection) {
		try {
			return connection.closed.get(1, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			return null;
		}
		catch (ExecutionException ex) {
			return new WsClient.Close(1006, String.valueOf(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new WsClient.Close(1000, "interrupted");
		}
	}

	/** A new connection, or null when it could not open (the gateway or the load balancer refused or timed out). */
	private WsClient connect(String parameters) {
		try {
			WsClient connection = WsClient.connect(this.endpoint + parameters);
			this.connections.add(connection);
			return connection;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private String lastCursor() {
		List<Received> lines = lines();
		return lines.isEmpty() ? null : lines.get(lines.size() - 1).cursor();
	}

	/** Whether a connection opened (a line written from now on reaches this client, live or as history). */
	boolean connected() {
		return !this.connections.isEmpty();
	}

	/** Every line received over every connection, in the order received. */
	List<Received> lines() {
		List<Received> lines = new ArrayList<>();
		for (WsClient connection : this.connections) {
			List<JsonNode> messages = List.copyOf(connection.messages);
			List<Long> arrivals = List.copyOf(connection.arrivalNanos);
			for (int i = 0; i < Math.min(messages.size(), arrivals.size()); i++) {
				long arrived = this.millisBase + TimeUnit.NANOSECONDS.toMillis(arrivals.get(i) - this.nanoBase);
				JsonNode message = messages.get(i);
				String type = message.path("type").asText();
				if (type.equals("log")) {
					lines.add(received(message, arrived));
				}
				else if (type.equals("batch")) {
					message.path("logs").forEach((line) -> lines.add(received(line, arrived)));
				}
			}
		}
		return lines;
	}

	private static Received received(JsonNode line, long arrived) {
		return new Received(line.path("message").asText(), line.path("meta").path("cursor").asText(), arrived);
	}

	/** Messages of any connection that broke the protocol's schemas. */
	List<String> violations() {
		return this.connections.stream().flatMap((connection) -> connection.violations.stream()).toList();
	}

	@Override
	public String toString() {
		return this.name;
	}

	@Override
	public void close() {
		this.closing = true;
		this.connections.forEach(WsClient::close);
		try {
			this.follower.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
