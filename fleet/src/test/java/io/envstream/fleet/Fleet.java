package io.envstream.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * The compose fleet of infra/compose, started with its own scripts under a compose project of its
 * own (so a fleet a person runs with up.sh is left alone), the load balancer and the issuer on free
 * ports of 127.0.0.1. The images must exist: the module's pre-integration-test makes them from this build's jars.
 */
final class Fleet {

	/** Which fleet up.sh starts: both have three hosts, each its own engine with its own collector. */
	enum Size {

		/** docker-compose.yml: 3 brokers, 2 processors, 2 gateways behind the load balancer. */
		FULL("envstream-fleet-it"),

		/** up.sh --small: 1 broker, 1 processor, 1 gateway behind the load balancer. */
		SMALL("envstream-fleet-small-it");

		private final String project;

		Size(String project) {
			this.project = project;
		}

	}

	static final List<String> HOSTS = List.of("host-1", "host-2", "host-3");

	private static final Duration START_TIMEOUT = Duration.ofMinutes(20);

	private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

	/** Longer than the whole test, so that one token serves it. */
	private static final String TOKEN_LIFETIME = "2h";

	private final Size size;

	private final String project;

	private final Path compose;

	private final Path state;

	private final int loadBalancerPort = freePort();

	private final int issuerPort = freePort();

	/** A fleet someone started with up.sh: the test neither starts nor removes it. */
	private final boolean running;

	private Fleet(Size size, String project, Path compose, Path state, boolean running) {
		this.size = size;
		this.project = project;
		this.compose = compose;
		this.state = state;
		this.running = running;
	}

	/**
	 * The fleet of this size under its own compose project (the system property
	 * {@code envstream.fleet.project} names another); nothing started yet. The system property
	 * {@code envstream.fleet.running} names the state directory of a fleet already started with up.sh
	 * under that project: the test then uses it as it is and leaves it running (quicker turns while
	 * working on a fleet test).
	 */
	static Fleet ofThisBuild(Size size, Path scratch) {
		Path repository = Path.of(System.getProperty("envstream.repository.dir", "..")).toAbsolutePath().normalize();
		String project = System.getProperty("envstream.fleet.project", size.project);
		String running = System.getProperty("envstream.fleet.running", "");
		Path state = running.isEmpty() ? scratch.resolve("state") : Path.of(running).toAbsolutePath();
		return new Fleet(size, project, repository.resolve("infra/compose"), state, !running.isEmpty());
	}

	/**
	 * up.sh with the images as they are: every service healthy, the demo environments seeded. What
	 * an interrupted run of this project left behind is removed first.
	 */
	void start() {
		if (this.running) {
			return;
		}
		remove();
		List<String> command = new ArrayList<>(List.of(this.compose.resolve("up.sh").toString(), "--no-build"));
		if (this.size == Size.SMALL) {
			command.add("--small");
		}
		run(START_TIMEOUT, true, command);
	}

	/** down.sh: the containers, networks and volumes of the project. */
	void remove() {
		if (this.running) {
			return;
		}
		run(COMMAND_TIMEOUT, true, List.of(this.compose.resolve("down.sh").toString()));
	}

	/** The last log lines of every service into {@code file}, for a look after the fleet is gone. */
	void saveLogs(Path file) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, run(COMMAND_TIMEOUT, false,
					List.of(this.compose.resolve("compose.sh").toString(), "logs", "--no-color", "--tail", "300")));
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("[fleet-it] could not save the fleet's logs: " + ex.getMessage());
		}
	}

	/** The compose project: its containers are named PROJECT_SERVICE_1. */
	String project() {
		return this.project;
	}

	/** The load balancer's URL, as up.sh wrote it. */
	String url() {
		try {
			return Files.readString(this.state.resolve("url")).strip();
		}
		catch (IOException ex) {
			throw new IllegalStateException("up.sh wrote no url in " + this.state, ex);
		}
	}

	/** An admin token of the fleet's issuer, from token.sh (the program "fleet"). */
	String adminToken() {
		return run(COMMAND_TIMEOUT, false, List.of(this.compose.resolve("token.sh").toString())).strip();
	}

	/** Runs {@code docker ...} on the engine of {@code host}: docker exec on its container, quicker than docker-compose exec. */
	String docker(String host, String... arguments) {
		List<String> command = new ArrayList<>(List.of("docker", "exec", container(host), "docker"));
		command.addAll(List.of(arguments));
		return run(COMMAND_TIMEOUT, false, command);
	}

	/** The container of a service of this fleet (running or not): its id. */
	String container(String service) {
		String container = run(COMMAND_TIMEOUT, false, List.of("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + this.project,
				"--filter", "label=com.docker.compose.service=" + service)).strip();
		if (container.isEmpty()) {
			throw new IllegalStateException("no container of " + service + " in " + this.project);
		}
		return container;
	}

	/** Whether this fleet has the service (the small fleet has no gateway-2, for one). */
	boolean has(String service) {
		return !run(COMMAND_TIMEOUT, false, List.of("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + this.project,
				"--filter", "label=com.docker.compose.service=" + service)).isBlank();
	}

	/** Runs {@code docker ...} on this machine's engine, where the fleet's containers run. */
	String machineDocker(String... arguments) {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(arguments));
		return run(COMMAND_TIMEOUT, false, command);
	}

	/** A network of this fleet (backend, agents, edge, engines) by its name in docker-compose.yml. */
	String network(String name) {
		return this.project + "_" + name;
	}

	/** Starts a service's container if it is not running and waits until its health check says healthy. */
	void startAndAwaitHealthy(String service, Duration patience) {
		String container = container(service);
		machineDocker("start", container);
		Awaitility.await(service + " healthy")
			.atMost(patience)
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> machineDocker("inspect", "-f", "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}",
					container).strip(), (health) -> health.equals("healthy") || health.equals("none"));
	}

	/** psql as the fleet's database user (its password from up.sh's fleet.env), one row a line, columns separated by |. */
	String sql(String query) {
		return machineDocker("exec", "-e", "PGPASSWORD=" + secret("ENVSTREAM_FLEET_POSTGRES_PASSWORD"), container("postgres"), "psql", "-h", "127.0.0.1",
				"-U", "envstream", "-d", "envstream", "-v", "ON_ERROR_STOP=1", "-Atc", query);
	}

	private String secret(String name) {
		try {
			return Files.readAllLines(this.state.resolve("fleet.env"))
				.stream()
				.filter((line) -> line.startsWith(name + "="))
				.map((line) -> line.substring(name.length() + 1))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no " + name + " in " + this.state.resolve("fleet.env")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("up.sh wrote no fleet.env in " + this.state, ex);
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private String run(Duration timeout, boolean showProgress, List<String> command) {
		try {
			Path output = Files.createTempFile(this.state.getParent(), "command", ".out");
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile());
			// the scripts show their progress on stderr: in the build's output for up and down
			builder.redirectError(showProgress ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.appendTo(output.toFile()));
			Map<String, String> environment = builder.environment();
			environment.put("ENVSTREAM_FLEET_PROJECT", this.project);
			environment.put("ENVSTREAM_FLEET_STATE", this.state.toString());
			environment.put("ENVSTREAM_FLEET_LB_PORT", String.valueOf(this.loadBalancerPort));
			environment.put("ENVSTREAM_FLEET_ISSUER_PORT", String.valueOf(this.issuerPort));
			environment.put("ENVSTREAM_FLEET_TOKEN_LIFETIME", TOKEN_LIFETIME);
			Process process = builder.start();
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout);
			}
			String text = Files.readString(output);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + text);
			}
			return text;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + command.get(0), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running " + command.get(0), ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free port on this machine", ex);
		}
	}

}
