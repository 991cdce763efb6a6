package io.envstream.cli.logs;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.envstream.cli.Exit;
import io.envstream.cli.Gateway;
import io.envstream.cli.Reconnect;
import io.envstream.cli.Socket;

/**
 * One environment's logs connection that survives drops, as the TypeScript {@code LogsClient} does: it remembers
 * the cursor of the last line delivered and reconnects with {@code resume=} after it, so no line is lost or repeated;
 * it re-sends the grep filter on every connection. A gap and every reconnect are told on stderr.
 */
final class LogStream implements Runnable {

	/** Where the lines go. */
	interface Sink {

		void lines(String environment, List<LogLine> lines);

		/** Caught up with the live tail, or ended: the environment holds back no other's lines. */
		void caughtUp(String environment);

	}

	/** The reason of the gateway's 1000 after pings went unanswered (PROTOCOL.md: 1000 also for the heartbeat). */
	private static final String HEARTBEAT_TIMEOUT = "heartbeat timeout";

	private final String environment;

	private final Gateway gateway;

	private final LogsQuery query;

	private final Pattern grep;

	private final Sink sink;

	private final PrintStream messages;

	private final CountDownLatch stop = new CountDownLatch(1);

	private volatile Socket socket;

	private volatile int exitCode = Exit.OK;

	private String cursor;

	LogStream(String environment, Gateway gateway, LogsQuery query, Pattern grep, Sink sink, PrintStream messages) {
		this.environment = environment;
		this.gateway = gateway;
		this.query = query;
		this.grep = grep;
		this.sink = sink;
		this.messages = messages;
		this.cursor = query.resume();
	}

	/** Ends the stream: closes the connection, ends a backoff wait. */
	void stop() {
		this.stop.countDown();
		Socket current = this.socket;
		if (current != null) {
			current.close();
		}
	}

	int exitCode() {
		return this.exitCode;
	}

	@Override
	public void run() {
		try {
			follow();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.sink.caughtUp(this.environment);
		}
	}

	private void follow() throws InterruptedException {
		Reconnect reconnect = this.gateway.target().reconnect();
		String path = "/api/v1/ws/environments/" + Gateway.segment(this.environment) + "/logs";
		String token = this.gateway.target().token();
		boolean retrying = false;
		while (!stopped()) {
			Socket current = Socket.open(this.gateway.http(), this.gateway.target().socket(path, this.query.encode(this.cursor)), token);
			this.socket = current;
			if (stopped()) {
				current.close();
				return;
			}
			if (this.grep != null) {
				current.send(Gateway.JSON.createObjectNode().put("action", "filter").put("grep", this.grep.pattern()).toString());
			}
			boolean delivered = false;
			Socket.Event event;
			while ((event = current.next()) instanceof Socket.Text text) {
				if (!delivered) {
					delivered = true;
					reconnect.delivered();
					if (retrying) {
						this.messages.println(this.environment + ": reconnected, resuming after the last line");
						retrying = false;
					}
				}
				handle(text);
			}
			Socket.Closed closed = (Socket.Closed) event;
			if (stopped()) {
				return;
			}
			if (closed.code() == 1000 && ended(closed.reason())) {
				return;
			}
			if (closed.code() == 4401 && reconnect.refreshToken()) {
				String fresh = this.gateway.target().token();
				if (fresh != null && !Objects.equals(fresh, token)) {
					token = fresh;
					continue;
				}
			}
			// a 1000 while following is the heartbeat's: the connection is gone, not the stream
			int code = (closed.code() == 1000) ? 1006 : closed.code();
			Optional<Duration> wait = reconnect.after(code);
			String words = Reconnect.describe(closed.code(), closed.reason());
			if (wait.isEmpty()) {
				this.exitCode = Exit.ofClose(code);
				this.messages.println(this.environment + ": " + words
						+ (Reconnect.RETRY_CODES.contains(code) ? " (gave up after " + reconnect.retries() + " retries)" : ""));
				return;
			}
			this.messages.printf("%s: %s; reconnecting in %.1f s (retry %d of %d)%n", this.environment, words,
					wait.get().toMillis() / 1000.0, reconnect.attempt(), reconnect.retries());
			retrying = true;
			if (this.stop.await(wait.get().toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
		}
	}

	/** Whether a 1000 with this reason ends the stream, rather than a connection to resume on. */
	private boolean ended(String reason) {
		if ("end of replay".equals(reason) || "end of history".equals(reason)) {
			return true;
		}
		// the heartbeat's 1000 means the connection is gone, not the stream: a long history read more slowly than the
		// heartbeat's timeout resumes after its last line instead of ending early as if it were complete
		return !this.query.follow() && !HEARTBEAT_TIMEOUT.equals(reason);
	}

	private boolean stopped() {
		return this.stop.getCount() == 0;
	}

	private void handle(Socket.Text text) {
		JsonNode message = text.json().orElse(null);
		if (message == null) {
			this.messages.println(this.environment + ": skipped a message that is not JSON");
			return;
		}
		switch (message.path("type").asText()) {
			case "log" -> lines(List.of(message));
			case "batch" -> {
				List<JsonNode> logs = new ArrayList<>();
				message.path("logs").forEach(logs::add);
				lines(logs);
			}
			case "live" -> this.sink.caughtUp(this.environment);
			case "gap" -> this.messages.println(this.environment + ": " + Gaps.describe(message));
			case "error" -> this.messages.println(this.environment + ": the gateway refused a request: "
					+ message.path("message").asText(message.path("code").asText()));
			default -> {
				// lag and replay positions: nothing a person reading lines needs
			}
		}
	}

	private void lines(List<JsonNode> logs) {
		if (logs.isEmpty()) {
			return;
		}
		List<LogLine> lines = new ArrayList<>(logs.size());
		for (JsonNode log : logs) {
			LogLine line = LogLine.of(this.environment, log);
			if (this.grep == null || this.grep.matcher(line.message()).find()) {
				lines.add(line);
			}
		}
		this.cursor = logs.get(logs.size() - 1).path("meta").path("cursor").asText();
		this.sink.lines(this.environment, lines);
	}

}
