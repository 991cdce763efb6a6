package io.envstream.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook on 127.0.0.1 (the JDK's HTTP server) that records every post; it answers 503 until
 * {@link #refuseUntil(Instant)}, as a receiver that is down would, and 204 after.
 */
final class WebhookReceiver implements AutoCloseable {

	record Post(String idempotencyKey, String body, int answered, Instant at) {
	}

	private final HttpServer server;

	private final List<Post> posts = new CopyOnWriteArrayList<>();

	private volatile Instant refuseUntil = Instant.MIN;

	WebhookReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/hook", this::receive);
		this.server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook");
	}

	void refuseUntil(Instant until) {
		this.refuseUntil = until;
	}

	List<Post> posts() {
		return List.copyOf(this.posts);
	}

	List<Post> accepted() {
		return this.posts.stream().filter((post) -> post.answered() == 204).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Instant now = Instant.now();
			int status = now.isBefore(this.refuseUntil) ? 503 : 204;
			this.posts.add(new Post(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body, status, now));
			exchange.sendResponseHeaders(status, -1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
