package io.envstream.e2e.bench.endtoend;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.envstream.testsupport.ws.WireWebSockets;

/**
 * The headless WebSocket clients of the end-to-end benchmarks, run as their own JVM (never in the
 * gateway's) by {@link EndToEndBenchmark}. Arguments are {@code name=value}:
 * <ul>
 * <li>{@code mode}: {@code stream} (receive until every client has its lines), {@code idle} (hold
 * the connections until stdin closes) or {@code tcp} (hold plain TCP connections to the gateway's
 * port, sending nothing: the baseline of {@code idle});</li>
 * <li>{@code gateway} ({@code ws://host:port}), {@code envs} (comma-separated),
 * {@code clients-per-env}, {@code query} (e.g. {@code tail=0} or {@code resume=<cursor>});</li>
 * <li>{@code sources} (the generator's prefix of each environment, same order), {@code first-seq}
 * and {@code last-seq}: the lines each client must receive;</li>
 * <li>{@code timeout} (seconds from the first connect) and {@code out} (the report file).</li>
 * </ul>
 * The token comes from the environment variable {@code ENVSTREAM_BENCH_TOKEN}, so it is not in
 * the process list. Prints {@code READY} once every connection is attempted, {@code DONE} when
 * the report is written.
 */
public final class ClientFleet {

	/** Selector threads reading the connections: the machine's cores, which the pipeline shares. */
	private static final int READER_THREADS = 2;

	private static final Queue<LatencyHistogram> HISTOGRAMS = new ConcurrentLinkedQueue<>();

	private static final ThreadLocal<LatencyHistogram> LATENCY = ThreadLocal.withInitial(() -> {
		LatencyHistogram histogram = new LatencyHistogram();
		HISTOGRAMS.add(histogram);
		return histogram;
	});

	private ClientFleet() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (eq < 1) {
				throw new IllegalArgumentException("arguments are name=value: " + arg);
			}
			options.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		String mode = required(options, "mode");
		Path out = Path.of(required(options, "out"));
		FleetReport report = switch (mode) {
			case "stream", "idle" -> webSockets(options, mode.equals("idle"));
			case "tcp" -> plainConnections(options);
			default -> throw new IllegalArgumentException("mode is stream, idle or tcp: " + mode);
		};
		report.write(out);
		System.out.println("DONE");
		System.out.flush();
		System.exit(0);
	}

	private static FleetReport webSockets(Map<String, String> options, boolean idle) throws Exception {
		List<String> envs = Arrays.asList(required(options, "envs").split(","));
		List<String> sources = idle ? List.of() : Arrays.asList(required(options, "sources").split(","));
		int perEnv = Integer.parseInt(options.getOrDefault("clients-per-env", "1"));
		long firstSeq = Long.parseLong(options.getOrDefault("first-seq", "1"));
		long lastSeq = idle ? 0 : Long.parseLong(required(options, "last-seq"));
		long timeoutNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("timeout", "120")));
		String token = System.getenv("ENVSTREAM_BENCH_TOKEN");
		if (token == null || token.isBlank()) {
			throw new IllegalStateException("ENVSTREAM_BENCH_TOKEN must hold the gateway token");
		}
		List<Client> clients = new ArrayList<>();
		for (int e = 0; e < envs.size(); e++) {
			for (int i = 0; i < perEnv; i++) {
				clients.add(new Client(idle ? List.of() : List.of(sources.get(e)), firstSeq, lastSeq));
			}
		}
		long started = System.nanoTime();
		WireWebSockets sockets = new WireWebSockets(READER_THREADS);
		List<CompletableFuture<Void>> connecting = new ArrayList<>();
		for (int c = 0; c < clients.size(); c++) {
			String env = envs.get(c / perEnv);
			URI uri = URI.create(required(options, "gateway") + "/api/v1/ws/environments/" + env + "/logs?"
					+ options.getOrDefault("query", "tail=0") + "&token=" + token);
			Client client = clients.get(c);
			client.connectStarted = System.nanoTime();
			try {
				connecting.add(sockets.connect(uri, client).upgraded());
			}
			catch (IOException ex) {
				connecting.add(CompletableFuture.failedFuture(ex));
			}
			if (connecting.size() % 200 == 0) {
				awaitQuietly(connecting.subList(connecting.size() - 200, connecting.size()));
			}
		}
		awaitQuietly(connecting);
		long connected = connecting.stream().filter((f) -> !f.isCompletedExceptionally()).count();
		connecting.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst().ifPresent((f) -> {
			try {
				f.join();
			}
			catch (RuntimeException ex) {
				System.err.println("connect failed (first of " + (clients.size() - connected) + "): " + ex);
			}
		});
		System.out.println("READY " + connected);
		System.out.flush();
		if (idle) {
			while (System.in.read() != -1) {
				// hold the connections until the harness closes our stdin
			}
		}
		else {
			long deadline = started + timeoutNanos;
			while (System.nanoTime() < deadline && !clients.stream().allMatch(Client::finished)) {
				Thread.sleep(20);
			}
		}
		sockets.close();
		return report(clients, connected, started);
	}

	private static FleetReport report(List<Client> clients, long connected, long started) {
		LatencyHistogram latency = new LatencyHistogram();
		long unique = 0;
		long lost = 0;
		long gaps = 0;
		long repeated = 0;
		long closedEarly = 0;
		long firstLine = Long.MAX_VALUE;
		long lastLine = Long.MIN_VALUE;
		long firstReceived = Long.MAX_VALUE;
		long slowestFirst = 0;
		long firstSent = Long.MAX_VALUE;
		long lastSent = 0;
		for (Client client : clients) {
			synchronized (client) {
				unique += client.check.unique();
				lost += client.check.lost(client.sources, client.lastSeq);
				gaps += client.check.missing();
				repeated += client.check.repeated();
				closedEarly += (client.closed && !client.finished()) ? 1 : 0;
				if (client.firstLineNanos != 0) {
					firstLine = Math.min(firstLine, client.firstLineNanos);
					lastLine = Math.max(lastLine, client.lastLineNanos);
					firstReceived = Math.min(firstReceived, client.firstLineMillis);
					slowestFirst = Math.max(slowestFirst, client.firstLineNanos - client.connectStarted);
					firstSent = Math.min(firstSent, client.firstSentMillis);
					lastSent = Math.max(lastSent, client.lastSentMillis);
				}
			}
		}
		HISTOGRAMS.forEach(latency::add);
		boolean any = firstLine != Long.MAX_VALUE;
		String cursor = clients.isEmpty() ? "" : clients.get(0).firstCursor;
		return new FleetReport(clients.size(), connected, closedEarly, unique, lost, gaps, repeated, latency.mean(),
				latency.percentile(0.5), latency.percentile(0.99), latency.percentile(0.999), latency.percentile(1.0),
				any ? slowestFirst / 1_000_000 : -1, any ? (lastLine - firstLine) / 1_000_000 : 0, any ? firstReceived : 0,
				any ? firstSent : 0, lastSent, (cursor == null) ? "" : cursor, ownCpuMillis());
	}

	/** The baseline of idle connections: plain TCP connections to the gateway's port that send nothing. */
	private static FleetReport plainConnections(Map<String, String> options) throws IOException {
		URI gateway = URI.create(required(options, "gateway"));
		int count = Integer.parseInt(required(options, "connections"));
		List<Socket> sockets = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			sockets.add(new Socket(gateway.getHost(), gateway.getPort()));
		}
		System.out.println("READY " + count);
		System.out.flush();
		while (System.in.read() != -1) {
			// hold the connections until the harness closes our stdin
		}
		for (Socket socket : sockets) {
			socket.close();
		}
		return new FleetReport(count, count, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, "", ownCpuMillis());
	}

	private static long ownCpuMillis() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
				/ 1_000_000;
	}

	private static void awaitQuietly(List<CompletableFuture<Void>> futures) {
		try {
			CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// counted per connection in the report
		}
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("client fleet needs " + name + "=...");
		}
		return value;
	}

	/** One connection: checks the numbering of its lines and records their latency. */
	private static final class Client implements WireWebSockets.Listener {

		private static final String CURSOR = "\"cursor\":\"";

		final List<String> sources;

		final long lastSeq;

		final SequenceCheck check;

		private final long expected;

		volatile long connectStarted;

		long firstLineNanos;

		long firstLineMillis;

		long lastLineNanos;

		long firstSentMillis;

		long lastSentMillis;

		String firstCursor;

		private volatile long received;

		volatile boolean closed;

		Client(List<String> sources, long firstSeq, long lastSeq) {
			this.sources = sources;
			this.lastSeq = lastSeq;
			this.check = new SequenceCheck(firstSeq);
			this.expected = sources.size() * Math.max(0, lastSeq - firstSeq + 1);
		}

		boolean finished() {
			return this.received >= this.expected;
		}

		@Override
		public synchronized void onText(String text) {
			long now = System.currentTimeMillis();
			long nanos = System.nanoTime();
			LatencyHistogram latency = LATENCY.get();
			int lines = StampedLines.scan(text, (source, seq, sent) -> {
				this.check.accept(source, seq);
				latency.record(now - sent);
				if (this.firstSentMillis == 0 || sent < this.firstSentMillis) {
					this.firstSentMillis = sent;
				}
				this.lastSentMillis = Math.max(this.lastSentMillis, sent);
			});
			if (lines > 0) {
				if (this.firstLineNanos == 0) {
					this.firstLineNanos = nanos;
					this.firstLineMillis = now;
					int at = text.indexOf(CURSOR);
					this.firstCursor = (at < 0) ? ""
							: text.substring(at + CURSOR.length(), text.indexOf('"', at + CURSOR.length()));
				}
				this.lastLineNanos = nanos;
				this.received = this.check.unique();
			}
		}

		@Override
		public void onClose(int statusCode, String reason) {
			this.closed = true;
			if (!finished()) {
				System.err.println("connection closed early: " + statusCode + " " + reason);
			}
		}

		@Override
		public void onError(Exception error) {
			this.closed = true;
			System.err.println("connection failed: " + error);
		}

	}

}
