package io.envstream.gateway.bench;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.terminal.TerminalFixture;
import io.envstream.schemas.avro.Stream;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.envstream.testsupport.ws.WireWebSockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.awaitility.Awaitility.await;

/**
 * Terminal latency and throughput on this machine: a real client, the gateway and the real agent
 * (same JVM, sharing its cores) against a demo container, beside a raw {@code docker exec}
 * attach over the engine's API in the same run. The program in the PTY is
 * {@code stty raw -echo; cat}: every keystroke comes back as written, once. Run with
 * {@code infra/dev/bench.sh -pl ws-gateway -Dit.test=TerminalBenchmark}; writes
 * docs/benchmarks/terminal-keystrokes.json and terminal-output.json.
 */
class TerminalBenchmark {

	/** Keystrokes per run; a smaller count (system property) only checks the harness. */
	private static final int KEYSTROKES = Integer.getInteger("envstream.bench.keystrokes", 10_000);

	private static final int WARM_UP = Math.min(500, KEYSTROKES / 10);

	private static final String ECHO = "stty raw -echo; cat\r";

	/** 24 MiB of random bytes as base64 lines: about 32 MiB of text, 33 MiB once the PTY adds \r. */
	private static final String MAKE_FILE = "head -c 25165824 /dev/urandom | base64 > /tmp/big";

	private static final String CAT = "stty raw; cat /tmp/big; echo END-$((40+2))\r";

	private static final DockerFixture docker = DockerFixture.shared();

	private static TerminalFixture terminals;

	private static GatewayInstance gateway;

	private static Environments environments;

	private static DemoContainer container;

	private static String environment;

	@BeforeAll
	static void start() {
		terminals = TerminalFixture.start(List.of("--logging.level.root=warn"), "--logging.level.root=warn");
		gateway = terminals.gateway();
		environments = terminals.environments();
		environment = Environments.newId("terminal-bench");
		container = terminals.startEnvironment(environment, "bench");
		container.exec("sh", "-c", MAKE_FILE);
	}

	@AfterAll
	static void stop() {
		container.close();
		terminals.close();
	}

	@Test
	void keystrokesAndOutput() throws Exception {
		double[] raw = keystrokes(RawExec.open(), KEYSTROKES);
		double[] idle = keystrokes(GatewayTerminal.open(), KEYSTROKES);
		double[] loaded;
		double logLinesPerSecond;
		String logs = Environments.newId("terminal-bench-logs");
		environments.create(logs, "bench", null);
		WireWebSockets sockets = CountingClient.sockets();
		CountingClient reader = CountingClient.connect(sockets, gateway.logsUrl(logs, "tail=0&token=" + JWT.token("bench")));
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicLong written = new AtomicLong();
		Thread writer = new Thread(() -> writeLogs(logs, writing, written), "bench-log-writer");
		writer.start();
		long loadStarted = System.nanoTime();
		try {
			loaded = keystrokes(GatewayTerminal.open(), KEYSTROKES);
		}
		finally {
			writing.set(false);
			writer.join();
		}
		double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
		logLinesPerSecond = reader.lines.get() / loadSeconds;
		sockets.close();
		double writtenPerSecond = written.get() / loadSeconds;

		BenchmarkResults.ofRepository().record("terminal-keystrokes", List.of(
				Metric.against("keystroke round trip p50 through gateway and agent, idle", idle[0], "ms",
						"raw docker exec attach p50", raw[0]),
				Metric.against("keystroke round trip p99 through gateway and agent, idle (goal <= 15 ms)", idle[1], "ms",
						"raw docker exec attach p99", raw[1]),
				Metric.against("keystroke round trip p50 while logs flow through the same gateway", loaded[0], "ms",
						"raw docker exec attach p50", raw[0]),
				Metric.against("keystroke round trip p99 while logs flow through the same gateway (goal <= 30 ms)",
						loaded[1], "ms", "raw docker exec attach p99", raw[1]),
				Metric.against("log lines/s delivered to a logs client of the same gateway during the loaded run",
						logLinesPerSecond, "lines/s", "log lines/s written (target 10k)", writtenPerSecond)));

		double rawOutput = output(RawExec.open());
		double gatewayOutput = output(GatewayTerminal.open());
		BenchmarkResults.ofRepository().record("terminal-output", List.of(
				Metric.against("PTY output of a 32 MiB cat through gateway and agent (goal >= 30 MB/s)", gatewayOutput,
						"MB/s", "raw docker exec attach", rawOutput)));
	}

	/** p50 and p99 in ms of one keystroke's round trip through {@code cat} in raw mode. */
	private static double[] keystrokes(Terminal terminal, int count) throws Exception {
		try (terminal) {
			terminal.send(ECHO);
			// cat is up once a probe comes back on its own
			while (!terminal.received().contains("q")) {
				terminal.send("q");
				terminal.awaitAny(Duration.ofMillis(200));
			}
			terminal.drain();
			long[] nanos = new long[count];
			for (int i = -WARM_UP; i < count; i++) {
				char key = (char) ('a' + Math.floorMod(i, 26));
				long started = System.nanoTime();
				terminal.send(String.valueOf(key));
				terminal.awaitChar(key, Duration.ofSeconds(10));
				if (i >= 0) {
					nanos[i] = System.nanoTime() - started;
				}
			}
			Arrays.sort(nanos);
			return new double[] { nanos[count / 2] / 1e6, nanos[(int) (count * 0.99)] / 1e6 };
		}
	}

	/** MB/s (10^6 bytes) of PTY output while the file is printed. */
	private static double output(Terminal terminal) throws Exception {
		try (terminal) {
			terminal.send(CAT);
			long started = System.nanoTime();
			long bytes = terminal.awaitMarker("END-42", Duration.ofMinutes(2));
			return bytes / ((System.nanoTime() - started) / 1e9) / 1e6;
		}
	}

	/** 10k lines/s in 100-line batches, as the processor writes them. */
	private static void writeLogs(String logs, AtomicBoolean writing, AtomicLong written) {
		long started = System.nanoTime();
		for (long i = 0; writing.get(); i++) {
			// paced, never spinning: the machine's cores are what the keystrokes are measured on
			LockSupport.parkNanos(started + i * 10_000_000L - System.nanoTime());
			environments.write(logs, Stream.STDOUT, 100, 100);
			written.addAndGet(100);
		}
	}

	/** A terminal as the benchmark drives it: keystrokes out, text back. */
	private abstract static class Terminal implements AutoCloseable {

		private final LinkedBlockingQueue<String> arrivals = new LinkedBlockingQueue<>();

		private final StringBuilder received = new StringBuilder();

		private long receivedBytes;

		abstract void send(String keys) throws IOException;

		@Override
		public abstract void close() throws IOException;

		void arrived(String text) {
			this.arrivals.add(text);
		}

		String received() {
			return this.received.toString();
		}

		void drain() {
			this.arrivals.drainTo(new ArrayList<>());
			this.received.setLength(0);
		}

		void awaitAny(Duration timeout) throws InterruptedException {
			String text = this.arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (text != null) {
				this.received.append(text);
			}
		}

		void awaitChar(char key, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (true) {
				String text = this.arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (text == null) {
					throw new IllegalStateException("keystroke " + key + " did not come back within " + timeout);
				}
				if (text.indexOf(key) >= 0) {
					return;
				}
			}
		}

		/** Bytes (as UTF-8) received until the marker, inclusive; the echoed command does not contain it. */
		long awaitMarker(String marker, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			StringBuilder tail = new StringBuilder();
			while (true) {
				String text = this.arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (text == null) {
					throw new IllegalStateException(marker + " did not arrive within " + timeout);
				}
				this.receivedBytes += text.getBytes(StandardCharsets.UTF_8).length;
				tail.append(text);
				if (tail.indexOf(marker) >= 0) {
					return this.receivedBytes;
				}
				// keep what could be the start of a marker cut between two reads
				tail.delete(0, Math.max(0, tail.length() - marker.length()));
			}
		}

	}

	/** Through the gateway's terminal endpoint and the agent. */
	private static final class GatewayTerminal extends Terminal implements WebSocket.Listener {

		private static final ObjectMapper json = new ObjectMapper();

		private final StringBuilder partial = new StringBuilder();

		private WebSocket socket;

		static GatewayTerminal open() {
			GatewayTerminal terminal = new GatewayTerminal();
			String url = "ws://localhost:" + gateway.port() + "/api/v1/ws/environments/" + environment
					+ "/terminal?cols=200&rows=50&token=" + JWT.token("bench");
			terminal.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), terminal).join();
			return terminal;
		}

		@Override
		void send(String keys) {
			String json = keys.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r");
			this.socket.sendText("{\"type\":\"input\",\"data\":\"" + json + "\"}", true).join();
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				try {
					JsonNode message = json.readTree(text);
					if (message.path("type").asText().equals("output")) {
						arrived(message.path("data").asText());
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException("not JSON from the gateway: " + text, ex);
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public void close() {
			this.socket.sendClose(1000, "done").exceptionally((ex) -> null).join();
		}

	}

	/** {@code docker exec} with a TTY, attached over the engine's API (docker-java), no gateway, no agent. */
	private static final class RawExec extends Terminal {

		private final PipedOutputStream keys = new PipedOutputStream();

		private final ResultCallback.Adapter<Frame> attached;

		private RawExec() throws IOException {
			PipedInputStream stdin = new PipedInputStream(this.keys, 64 * 1024);
			String execId = docker.client()
				.execCreateCmd(container.id())
				.withTty(true)
				.withAttachStdin(true)
				.withAttachStdout(true)
				.withAttachStderr(true)
				.withCmd("/bin/sh")
				.exec()
				.getId();
			this.attached = docker.client().execStartCmd(execId).withTty(true).withStdIn(stdin).exec(new ResultCallback.Adapter<>() {
				@Override
				public void onNext(Frame frame) {
					arrived(new String(frame.getPayload(), StandardCharsets.UTF_8));
				}
			});
		}

		static RawExec open() throws IOException {
			return new RawExec();
		}

		@Override
		void send(String keys) throws IOException {
			this.keys.write(keys.getBytes(StandardCharsets.UTF_8));
			// wakes the reader at once (a PipedInputStream otherwise polls every second)
			this.keys.flush();
		}

		@Override
		public void close() throws IOException {
			// what it ran stays until the container is removed; the raw path has no agent to end it
			this.keys.close();
			this.attached.close();
		}

	}

}
