package io.envstream.e2e.webui;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;

import static org.awaitility.Awaitility.await;

/**
 * What the browser runs need: a fresh standalone (its own data directory under {@code target/web-ui/}), an admin
 * token from its token command, and demo environments the standalone's collector picks up (labelled with what its
 * label selector follows, when it has one); the browser script is run against it with its artifacts kept under
 * {@code target/web-ui/<run>/}.
 */
final class WebUiSetup implements AutoCloseable {

	static final Path WORK = Path.of("target", "web-ui").toAbsolutePath();

	private final DockerFixture docker = DockerFixture.shared();

	private final Path work;

	private final StandaloneProcess standalone;

	/** The labels of the demo containers: what the standalone's collector follows, or none when it follows all. */
	private final Map<String, String> followed;

	private final String token;

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);

	private WebUiSetup(Path work, StandaloneProcess standalone, Map<String, String> followed, String token) {
		this.work = work;
		this.standalone = standalone;
		this.followed = followed;
		this.token = token;
	}

	/** A standalone whose collector follows every container on the engine. */
	static WebUiSetup start() throws IOException, InterruptedException {
		return start(WORK, Map.of());
	}

	/**
	 * Starts a standalone in {@code work} (emptied first), so that suites keep their artifacts apart.
	 * @param followed the one label (name and value) of the containers its collector follows, or none for all
	 * @param arguments more arguments for the standalone's apps, e.g. {@code --envstream.gateway.heartbeat-timeout=10s}
	 */
	static WebUiSetup start(Path work, Map<String, String> followed, String... arguments)
			throws IOException, InterruptedException {
		deleteRecursively(work);
		Files.createDirectories(work);
		List<String> all = new ArrayList<>(List.of(arguments));
		followed.forEach((name, value) -> all.add("--envstream.collector.label-selector=" + name + "=" + value));
		StandaloneProcess standalone = StandaloneProcess.start(work, all.toArray(String[]::new));
		try {
			return new WebUiSetup(work, standalone, followed, standalone.token("web-ui-test", true));
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			standalone.close();
			throw ex;
		}
	}

	/** Starts a demo container as environment {@code web-<name>-<random>} and waits until the gateway lists it. */
	DemoContainer environment(String name, String... command) {
		DemoContainer container = this.docker.startDemo("web-" + name + "-" + this.suffix, this.followed, command);
		await("environment " + container.environmentId() + " listed by the gateway").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> environments().contains("\"" + container.environmentId() + "\""));
		return container;
	}

	/** Runs the browser script with these extra variables; artifacts under {@code <work>/<run>}. */
	BrowserScript.Outcome browse(String run, Map<String, String> variables, Duration timeout)
			throws IOException, InterruptedException {
		return browse("web-ui.browser-test.mjs", run, variables, timeout);
	}

	/** Runs {@code script} of the browser directory with these extra variables; artifacts under {@code <work>/<run>}. */
	BrowserScript.Outcome browse(String script, String run, Map<String, String> variables, Duration timeout)
			throws IOException, InterruptedException {
		Map<String, String> environment = new HashMap<>(variables);
		environment.put("ENVSTREAM_URL", this.standalone.gatewayUrl());
		environment.put("ENVSTREAM_TOKEN", this.token);
		return BrowserScript.run(script, environment, this.work.resolve(run), timeout);
	}

	/** A token of {@code user}, not an admin: sees only the environments granted to that user. */
	String userToken(String user) throws IOException, InterruptedException {
		return this.standalone.token(user, false);
	}

	StandaloneProcess standalone() {
		return this.standalone;
	}

	/** The standalone's embedded broker, e.g. to register environments by their descriptors. */
	String kafkaBootstrapServers() {
		return this.standalone.kafkaBootstrapServers();
	}

	/**
	 * Lowers the CPU priority of the server side to {@code niceness}: the standalone (see
	 * {@link StandaloneProcess#lowerPriority(int)}), and the Docker engine with its containers, whose priority the
	 * returned handle gives back. A browser beside them then has the cores first, as on a user's own machine, where
	 * neither the pipeline nor the engine runs.
	 */
	EnginePriority lowerServerPriority(int niceness) throws IOException, InterruptedException {
		this.standalone.lowerPriority(niceness);
		return new EnginePriority(Niceness.lower(niceness, dockerEngineProcesses()));
	}

	/** The engine's daemons and every container's processes: dockerd, containerd, and each shim with its children. */
	private static Stream<ProcessHandle> dockerEngineProcesses() {
		List<ProcessHandle> daemons = ProcessHandle.allProcesses().filter((process) -> process.info().command()
			// a command of "/" has no file name: Optional.map leaves it empty
			.map((command) -> Path.of(command).getFileName())
			.map(Path::toString)
			.filter((name) -> name.equals("dockerd") || name.startsWith("containerd"))
			.isPresent()).toList();
		if (daemons.stream().noneMatch((process) -> process.info().command().orElse("").endsWith("/dockerd"))) {
			throw new IllegalStateException("no dockerd process is visible here: the engine's priority cannot be lowered");
		}
		return daemons.stream().flatMap((daemon) -> Stream.concat(Stream.of(daemon), daemon.descendants())).distinct();
	}

	/** The Docker engine's threads at a lowered priority until closed. */
	static final class EnginePriority implements AutoCloseable {

		private final Map<String, Integer> before;

		private EnginePriority(Map<String, Integer> before) {
			this.before = before;
		}

		@Override
		public void close() throws IOException, InterruptedException {
			Niceness.restore(this.before);
		}

	}

	String standaloneLogTail() {
		return this.standalone.log() + " ends with:\n" + this.standalone.tail(30);
	}

	/** The gateway's answer to {@code GET /api/v1/environments} (JSON) for the admin token. */
	String environments() throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.standalone.gatewayUrl() + "/api/v1/environments"))
				.header("Authorization", "Bearer " + this.token)
				.build(), HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	@Override
	public void close() {
		this.standalone.close();
	}

	static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> files = Files.walk(path)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

}
