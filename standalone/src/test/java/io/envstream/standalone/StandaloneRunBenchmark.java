package io.envstream.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's run command on a fresh clone of this commit, as a newcomer runs it: set-up, build
 * (warm Maven and npm caches, whatever this machine holds), start, demo environments; then the time
 * to the first log line of {@code demo-web} received over the gateway's WebSocket with a token from
 * the sign-in page, standalone's RSS after a minute without clients, and the time a SIGTERM takes
 * to stop it. Free ports and a data directory of its own, so a standalone already running here is
 * left alone (the demo containers are shared: kept when current, as the run command does).
 * With {@code -Dstandalone.bench.cold=true} the run command gets an empty Maven repository and npm
 * cache of its own, so the build downloads everything (result {@code standalone-run-cold}).
 */
class StandaloneRunBenchmark {

	private static final Pattern SIGNED_IN = Pattern.compile("setItem\\(\"envstream\\.token\", \"([^\"]+)\"\\)");

	private static final Pattern UP = Pattern.compile("==> envstream is up, (\\d+) s after");

	private static final Pattern BUILT = Pattern.compile("built in (\\d+) s");

	private static final Duration IDLE = Duration.ofSeconds(60);

	private static final boolean COLD = Boolean.getBoolean("standalone.bench.cold");

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void readmeRunCommandToLiveLogsAndIdleFootprint(@TempDir Path work) throws Exception {
		Path clone = work.resolve("envstream");
		// Maven runs a module's benchmarks in the module's directory
		run(work, "git", "clone", "--quiet", Path.of("").toAbsolutePath().getParent().toString(), clone.toString());
		Path dataDir = work.resolve("var");
		int gatewayPort = freePort();
		Path output = work.resolve("run-standalone.out");
		List<String> command = new ArrayList<>(List.of(clone.resolve("infra/dev/run-standalone.sh").toString(),
				"--envstream.standalone.data-dir=" + dataDir, "--envstream.standalone.gateway-port=" + gatewayPort));
		for (String port : List.of("kafka-port", "kafka-controller-port", "postgres-port", "collector-port",
				"processor-port")) {
			command.add("--envstream.standalone." + port + "=" + freePort());
		}

		String loadAtStart = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		long started = System.nanoTime();
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		if (COLD) {
			builder.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + work.resolve("m2"));
			builder.environment().put("npm_config_cache", work.resolve("npm").toString());
		}
		Process runCommand = builder.start();
		try {
			await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
				assertThat(runCommand.isAlive()).as("run-standalone.sh ended early:%n%s", read(output)).isTrue();
				return UP.matcher(read(output)).find();
			});
			URI gateway = URI.create("http://localhost:" + gatewayPort);
			String token = signIn(gateway);
			CompletableFuture<String> firstLine = new CompletableFuture<>();
			WebSocket logs = this.http.newWebSocketBuilder()
				.buildAsync(URI.create("ws://localhost:" + gatewayPort
						+ "/api/v1/ws/environments/demo-web/logs?token=" + token), new FirstLogLine(firstLine))
				.get(30, TimeUnit.SECONDS);
			firstLine.get(3, TimeUnit.MINUTES);
			double toFirstLine = seconds(System.nanoTime() - started);
			logs.sendClose(WebSocket.NORMAL_CLOSURE, "measured").get(10, TimeUnit.SECONDS);

			ProcessHandle java = runCommand.descendants()
				.filter((process) -> process.info().commandLine().orElse("").contains("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no standalone JVM under run-standalone.sh"));
			// idle: no client, only the three demo environments' logs flowing, as a demo runs
			TimeUnit.MILLISECONDS.sleep(IDLE.toMillis());
			long idleRss = kilobytes(java, "status", "VmRSS:") * 1024;
			// embedded PostgreSQL runs as processes of its own; PSS shares their common memory out fairly
			ProcessHandle postmaster = ProcessHandle
				.of(Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip()))
				.orElseThrow();
			long postgresPss = kilobytes(postmaster, "smaps_rollup", "Pss:") * 1024;
			for (ProcessHandle backend : postmaster.descendants().toList()) {
				try {
					postgresPss += kilobytes(backend, "smaps_rollup", "Pss:") * 1024;
				}
				catch (NoSuchFileException ex) {
					// a worker that ended meanwhile (autovacuum) holds nothing any more
				}
			}

			long stopping = System.nanoTime();
			runCommand.destroy();
			assertThat(runCommand.waitFor(2, TimeUnit.MINUTES)).as("stopped within 2 minutes").isTrue();
			double stop = seconds(System.nanoTime() - stopping);
			String text = read(output);
			assertThat(text).contains("stopped;");

			Matcher up = UP.matcher(text);
			Matcher built = BUILT.matcher(text);
			assertThat(up.find()).isTrue();
			assertThat(built.find()).as("a fresh clone builds:%n%s", text).isTrue();
			String caches = COLD ? "empty Maven repository and npm cache" : "warm Maven and npm caches";
			BenchmarkResults.ofRepository()
				.record(COLD ? "standalone-run-cold" : "standalone-run", List.of(Metric.of(
						"README run command to the first demo-web log line over the gateway WebSocket, fresh clone, "
								+ caches + (COLD ? "" : " (goal <= 180 s)"),
						toFirstLine, "s"),
						Metric.of("of which the build (mvn package, standalone and its modules)",
								Double.parseDouble(built.group(1)), "s"),
						Metric.of("run command to envstream up (set-up, build, start)", Double.parseDouble(up.group(1)),
								"s"),
						Metric.against("standalone idle RSS after " + IDLE.toSeconds()
								+ " s without clients, 3 demo environments (goal <= 1 GiB)", idleRss, "bytes",
								"the goal, 1 GiB", 1L << 30),
						Metric.of("embedded PostgreSQL beside it (postmaster and backends), PSS", postgresPss, "bytes"),
						Metric.of("SIGTERM to standalone stopped (apps, broker, PostgreSQL)", stop, "s")),
						List.of(COLD ? "No goal for a cold run: the build downloads every Maven and npm dependency."
								: "Goal run command to live logs <= 180 s: " + ((toFirstLine <= 180) ? "met" : "missed")
										+ String.format(Locale.ROOT, " (%.0f s).", toFirstLine),
								"Goal idle RSS <= 1 GiB: " + ((idleRss <= (1L << 30)) ? "met" : "missed")
										+ String.format(Locale.ROOT, " (%.0f MiB)", idleRss / 1048576.0)
										+ "; run-standalone.sh gives the JVM -Xmx640m unless ENVSTREAM_JAVA_OPTS says"
										+ " otherwise. Embedded PostgreSQL runs as processes of its own, beside it.",
								"The first line is whichever the gateway sends first on connect: the tail of the"
										+ " history (100 lines by default) or a live one; the browser's figure is the web"
										+ " UI's test.",
								"Load average (1 min) when the run command started: " + loadAtStart
										+ " on 2 cores shared with other work."));
		}
		finally {
			if (runCommand.isAlive()) {
				runCommand.destroy();
				runCommand.waitFor(2, TimeUnit.MINUTES);
			}
		}
	}

	private String signIn(URI gateway) throws IOException, InterruptedException {
		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(gateway.resolve("/signin"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("user=demo&admin=true"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher token = SIGNED_IN.matcher(page.body());
		assertThat(token.find()).as("signed in: %s", page.body()).isTrue();
		return token.group(1);
	}

	/** A figure in kB from a {@code /proc/<pid>/} file, e.g. {@code VmRSS:} of {@code status}. */
	private static long kilobytes(ProcessHandle process, String file, String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), file))) {
			if (line.startsWith(field)) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		throw new IllegalStateException("no " + field + " in /proc/" + process.pid() + "/" + file);
	}

	private static void run(Path directory, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
		assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
	}

	private static String read(Path file) throws IOException {
		return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Completes with the first {@code log} message; completes exceptionally if closed before one. */
	private record FirstLogLine(CompletableFuture<String> line) implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			if (data.toString().contains("\"type\":\"log\"")) {
				this.line.complete(data.toString());
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.line.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
			return null;
		}

	}

}
