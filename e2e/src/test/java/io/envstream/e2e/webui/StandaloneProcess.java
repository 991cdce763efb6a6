package io.envstream.e2e.webui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.envstream.testsupport.process.ChildProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * The standalone exec jar this build made, run as its own process the way a person runs it: its own data directory
 * and free ports for every part (never the defaults, which another run on the machine may hold), output to a log
 * file. Stopped with SIGTERM (its clean shutdown), forcibly only if that hangs; or killed on purpose
 * ({@link #killAndStartAgain()}) and started again with the same command, as a crash and its restart. Suites of other
 * packages use it too.
 */
public final class StandaloneProcess implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StandaloneProcess.class);

	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	private final Path jar;

	private final Path workDir;

	private final Path dataDir;

	private final Path log;

	private final int gatewayPort;

	private final int gatewayManagementPort;

	private final int processorPort;

	private final int kafkaPort;

	private final List<String> command;

	private final Process process;

	/** When the process was started ({@link System#nanoTime()}). */
	private final long started;

	private StandaloneProcess(Path jar, Path workDir, Path dataDir, Path log, int gatewayPort,
			int gatewayManagementPort, int processorPort, int kafkaPort, List<String> command, Process process,
			long started) {
		this.jar = jar;
		this.workDir = workDir;
		this.dataDir = dataDir;
		this.log = log;
		this.gatewayPort = gatewayPort;
		this.gatewayManagementPort = gatewayManagementPort;
		this.processorPort = processorPort;
		this.kafkaPort = kafkaPort;
		this.command = command;
		this.process = process;
		this.started = started;
	}

	/**
	 * Starts the standalone and waits until its gateway answers its health check.
	 * @param arguments more arguments for the apps, e.g. {@code --envstream.collector.label-selector=...}
	 */
	public static StandaloneProcess start(Path workDir, String... arguments) throws IOException {
		return launch(workDir, arguments).awaitGateway();
	}

	/**
	 * Starts the standalone without waiting for it: its ports are chosen, so its addresses are known at once (another
	 * process that must know them can start meanwhile, on the other core); {@link #awaitGateway()} waits for it.
	 * @param arguments more arguments for the apps, e.g. {@code --envstream.collector.label-selector=...}
	 */
	public static StandaloneProcess launch(Path workDir, String... arguments) throws IOException {
		Path jar = execJar();
		Path dataDir = Files.createDirectories(workDir.resolve("data"));
		int gatewayPort = freePort();
		int gatewayManagementPort = freePort();
		int processorPort = freePort();
		int kafkaPort = freePort();
		List<String> command = new ArrayList<>(ChildProcesses.java());
		command.addAll(List.of("-Xmx768m", "-jar", jar.toString(),
				"--envstream.standalone.data-dir=" + dataDir,
				"--envstream.standalone.gateway-port=" + gatewayPort,
				"--envstream.standalone.gateway-management-port=" + gatewayManagementPort,
				"--envstream.standalone.collector-port=" + freePort(),
				"--envstream.standalone.processor-port=" + processorPort,
				"--envstream.standalone.kafka-port=" + kafkaPort,
				"--envstream.standalone.kafka-controller-port=" + freePort(),
				"--envstream.standalone.postgres-port=" + freePort()));
		command.addAll(List.of(arguments));
		return run(jar, workDir, dataDir, workDir.resolve("standalone.log"), gatewayPort, gatewayManagementPort,
				processorPort, kafkaPort, List.copyOf(command));
	}

	/**
	 * Kills the standalone's JVM ({@code kill -9}: no shutdown hook runs, its PostgreSQL is left running) and starts
	 * the same command again on the same data directory and ports, its output in a log of its own; waits until its
	 * gateway answers.
	 */
	public StandaloneProcess killAndStartAgain() throws IOException, InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the standalone (pid " + this.process.pid() + ") outlived kill -9");
		}
		String restarted = this.log.getFileName().toString().replace(".log", "-again.log");
		return run(this.jar, this.workDir, this.dataDir, this.log.resolveSibling(restarted), this.gatewayPort,
				this.gatewayManagementPort, this.processorPort, this.kafkaPort, this.command).awaitGateway();
	}

	private static StandaloneProcess run(Path jar, Path workDir, Path dataDir, Path log, int gatewayPort,
			int gatewayManagementPort, int processorPort, int kafkaPort, List<String> command) throws IOException {
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new StandaloneProcess(jar, workDir, dataDir, log, gatewayPort, gatewayManagementPort, processorPort,
				kafkaPort, command, process, started);
	}

	/** Waits until the gateway answers its health check; stops the standalone if it does not in time. */
	public StandaloneProcess awaitGateway() {
		try {
			await("standalone gateway health on port " + this.gatewayManagementPort).atMost(START_TIMEOUT)
				.pollInterval(Duration.ofSeconds(1))
				.until(this::healthy);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		logger.info("Standalone (pid {}) answers on {} after {} s; its log {}", this.process.pid(), gatewayUrl(),
				Duration.ofNanos(System.nanoTime() - this.started).toSeconds(), this.log);
		return this;
	}

	public String gatewayUrl() {
		return "http://127.0.0.1:" + this.gatewayPort;
	}

	/** The stream-processor's base URL (its actuator endpoints). */
	public String processorUrl() {
		return "http://127.0.0.1:" + this.processorPort;
	}

	/** The embedded broker's bootstrap servers. */
	public String kafkaBootstrapServers() {
		return "127.0.0.1:" + this.kafkaPort;
	}

	public Path log() {
		return this.log;
	}

	/** A token from the standalone's own token command (its key in the data directory). */
	public String token(String user, boolean admin) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(ChildProcesses.java());
		command.addAll(List.of("-jar", this.jar.toString(), "token", user));
		if (admin) {
			command.add("--admin");
		}
		command.add("--envstream.standalone.data-dir=" + this.dataDir);
		Process token = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		String out = new String(token.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		if (!token.waitFor(2, TimeUnit.MINUTES) || token.exitValue() != 0 || out.isEmpty()) {
			throw new IllegalStateException("the token command failed: " + String.join(" ", command) + " printed '" + out + "'");
		}
		String[] lines = out.split("\\R");
		return lines[lines.length - 1].trim();
	}

	private boolean healthy() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("the standalone exited with " + this.process.exitValue() + "; its log "
					+ this.log + " ends with:\n" + tail(40));
		}
		try {
			HttpResponse<Void> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.gatewayManagementPort + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Lowers the CPU priority of every thread of the standalone and of its child processes (not the embedded PostgreSQL,
	 * which daemonizes out of the standalone's process tree: it keeps its priority, 6 to 8% of a core at 5k lines/s)
	 * to {@code niceness}, so a process beside it (a browser) gets the cores first. Raising it again would need root,
	 * so this is one-way for the process's life.
	 */
	public void lowerPriority(int niceness) throws IOException, InterruptedException {
		Niceness.lower(niceness, Stream.concat(Stream.of(this.process.toHandle()), this.process.descendants()));
	}

	public String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		ChildProcesses.stop(this.process, Duration.ofSeconds(90));
	}

	/**
	 * The runnable standalone jar of this build ({@code -exec} when the module makes one beside a plain jar); the
	 * tests run in the e2e module's directory, the standalone module is its sibling.
	 */
	private static Path execJar() throws IOException {
		Path target = Path.of("..", "standalone", "target").toAbsolutePath().normalize();
		List<Path> jars;
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			jars = files.filter((f) -> f.getFileName().toString().matches("envstream-standalone-.*\\.jar"))
				.filter((f) -> !f.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar"))
				.sorted()
				.toList();
		}
		return jars.stream()
			.filter((f) -> f.getFileName().toString().endsWith("-exec.jar"))
			.findFirst()
			.or(() -> jars.stream().findFirst())
			.orElseThrow(() -> new IllegalStateException("no standalone jar in " + target
					+ ": build it first (mvn -B verify builds it before e2e runs)"));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
