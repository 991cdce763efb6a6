package io.envstream.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code status ENV [-w]}: the environment's state and its latest CPU, memory and network sample, as one
 * {@code docker stats --no-stream} row; with {@code -w}, a row on every change (redrawn in place on a terminal).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = { "Show an environment's state and live CPU and memory, like docker stats.",
				"Without -w: one row (waiting up to 6 s for a running environment's first sample)." })
final class StatusCommand implements Callable<Integer> {

	/** Samples come every 5 s while an environment runs. */
	private static final Duration FIRST_SAMPLE = Duration.ofSeconds(6);

	private final Io io;

	@Mixin
	ConnectionOptions connection;

	@Parameters(paramLabel = "ENV", description = "The environment id.")
	String environment;

	@Option(names = { "-w", "--watch" }, description = "Keep watching: a row on every change; Ctrl-C ends it.")
	boolean watch;

	private JsonNode status;

	private JsonNode metrics;

	StatusCommand(Io io) {
		this.io = io;
	}

	@Override
	public Integer call() throws InterruptedException {
		Gateway gateway = new Gateway(this.connection.target(this.io));
		String path = "/api/v1/ws/environments/" + Gateway.segment(this.environment) + "/status";
		Reconnect reconnect = gateway.target().reconnect();
		CountDownLatch interrupted = new CountDownLatch(1);
		Socket[] current = new Socket[1];
		this.io.console().onInterrupt(() -> {
			interrupted.countDown();
			Socket socket = current[0];
			if (socket != null) {
				socket.close();
			}
		});
		boolean redraw = this.watch && this.io.console().stdoutIsTerminal();
		if (!redraw) {
			header();
		}
		while (interrupted.getCount() > 0) {
			Socket socket = Socket.open(gateway.http(), gateway.target().socket(path, null), gateway.target().token());
			current[0] = socket;
			long deadline = System.nanoTime() + FIRST_SAMPLE.toNanos();
			Socket.Event event;
			boolean delivered = false;
			while ((event = this.watch ? socket.next() : socket.next(remaining(deadline))) instanceof Socket.Text text) {
				if (!delivered) {
					delivered = true;
					reconnect.delivered();
				}
				if (!take(text)) {
					continue;
				}
				if (!this.watch && (this.metrics != null || !"running".equals(this.status.path("status").asText()))) {
					socket.close();
					row();
					return Exit.OK;
				}
				if (this.watch) {
					if (redraw) {
						this.io.out().print("\u001b[H\u001b[2J");
						header();
					}
					row();
				}
			}
			if (event == null) {
				// running, but no sample within the interval: the state alone
				socket.close();
				row();
				return Exit.OK;
			}
			Socket.Closed closed = (Socket.Closed) event;
			if (interrupted.getCount() == 0) {
				return Exit.OK;
			}
			Optional<Duration> wait = reconnect.after(closed.code());
			this.io.err().println(this.environment + ": " + Reconnect.describe(closed.code(), closed.reason())
					+ wait.map((delay) -> "; reconnecting in " + delay.toSeconds() + " s").orElse(""));
			if (wait.isEmpty()) {
				return Exit.ofClose(closed.code());
			}
			Gateway.sleep(wait.get());
		}
		return Exit.OK;
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
	}

	/** @return whether the message changed what a row shows */
	private boolean take(Socket.Text text) {
		JsonNode message = text.json().orElse(null);
		if (message == null) {
			return false;
		}
		switch (message.path("type").asText()) {
			case "status" -> this.status = message;
			case "metrics" -> this.metrics = message;
			default -> {
				return false;
			}
		}
		return this.status != null;
	}

	private void header() {
		this.io.out().println(String.format(Locale.ROOT, "%-24s %-12s %8s %-22s %-21s %s", "ENVIRONMENT", "STATUS", "CPU %",
				"MEM USAGE / LIMIT", "NET I/O", "SINCE"));
		this.io.out().flush();
	}

	private void row() {
		String state = this.status.path("status").asText("-");
		if (this.status.hasNonNull("exitCode")) {
			state += " (" + this.status.get("exitCode").asInt() + ")";
		}
		if (this.status.hasNonNull("health")) {
			state += " " + this.status.get("health").asText();
		}
		boolean sampled = this.metrics != null && "running".equals(this.status.path("status").asText());
		String cpu = sampled ? String.format(Locale.ROOT, "%.2f%%", this.metrics.path("cpu").asDouble()) : "-";
		String memory = sampled ? String.format(Locale.ROOT, "%.1fMiB / %.1fMiB", this.metrics.path("memory").asDouble(),
				this.metrics.path("memoryLimit").asDouble()) : "-";
		String network = sampled ? bytes(this.metrics.path("network").path("rx").asLong()) + " / "
				+ bytes(this.metrics.path("network").path("tx").asLong()) : "-";
		this.io.out().println(String.format(Locale.ROOT, "%-24s %-12s %8s %-22s %-21s %s", this.environment, state, cpu,
				memory, network, this.status.path("timestamp").asText("-")));
		this.io.out().flush();
	}

	/** Bytes as docker stats shows them: B, kB, MB, GB (powers of 1000). */
	static String bytes(long count) {
		if (count < 1000) {
			return count + "B";
		}
		String[] units = { "kB", "MB", "GB", "TB" };
		double value = count;
		int unit = -1;
		while (value >= 1000 && unit < units.length - 1) {
			value /= 1000;
			unit++;
		}
		return String.format(Locale.ROOT, "%.3g%s", value, units[unit]);
	}

}
