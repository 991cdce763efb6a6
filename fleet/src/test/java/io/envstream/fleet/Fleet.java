package io.envstream.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The compose fleet of infra/compose, started with its own scripts under a compose project of its
 * own (so a fleet a person runs with up.sh is left alone) and the load balancer on a free port of
 * 127.0.0.1. The images must exist: the module's pre-integration-test makes them from this build's jars.
 */
final class Fleet {

	static final String PROJECT = "envstream-fleet-it";

	static final List<String> HOSTS = List.of("host-1", "host-2", "host-3");

	private static final Duration START_TIMEOUT = Duration.ofMinutes(20);

	private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

	private final Path compose;

	private final Path state;

	private Fleet(Path compose, Path state) {
		this.compose = compose;
		this.state = state;
	}

	/** The fleet of this test's project; nothing started yet. */
	static Fleet ofThisBuild(Path scratch) {
		Path repository = Path.of(System.getProperty("envstream.repository.dir", "..")).toAbsolutePath().normalize();
		return new Fleet(repository.resolve("infra/compose"), scratch.resolve("state"));
	}

	/**
	 * up.sh with the images as they are: every service healthy, the demo environments seeded. What
	 * an interrupted run of this project left behind is removed first.
	 */
	void start() {
		remove();
		run(START_TIMEOUT, true, List.of(this.compose.resolve("up.sh").toString(), "--no-build"));
	}

	/** down.sh: the containers, networks and volumes of the project. */
	void remove() {
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

	/** The load balancer's URL, as up.sh wrote it. */
	String url() {
		try {
			return Files.readString(this.state.resolve("url")).strip();
		}
		catch (IOException ex) {
			throw new IllegalStateException("up.sh wrote no url in " + this.state, ex);
		}
	}

	/** An admin token from token.sh. */
	String adminToken() {
		return run(COMMAND_TIMEOUT, false, List.of(this.compose.resolve("token.sh").toString(), "fleet-it", "--admin")).strip();
	}

	/** Runs {@code docker ...} on the engine of {@code host}: docker exec on its container, quicker than docker-compose exec. */
	String docker(String host, String... arguments) {
		String container = run(COMMAND_TIMEOUT, false, List.of("docker", "ps", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT,
				"--filter", "label=com.docker.compose.service=" + host)).strip();
		if (container.isEmpty()) {
			throw new IllegalStateException("no running container of " + host + " in " + PROJECT);
		}
		List<String> command = new ArrayList<>(List.of("docker", "exec", container, "docker"));
		command.addAll(List.of(arguments));
		return run(COMMAND_TIMEOUT, false, command);
	}

	private String run(Duration timeout, boolean showProgress, List<String> command) {
		try {
			Path output = Files.createTempFile(this.state.getParent(), "command", ".out");
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile());
			// the scripts show their progress on stderr: in the build's output for up and down
			builder.redirectError(showProgress ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.appendTo(output.toFile()));
			Map<String, String> environment = builder.environment();
			environment.put("ENVSTREAM_FLEET_PROJECT", PROJECT);
			environment.put("ENVSTREAM_FLEET_STATE", this.state.toString());
			environment.put("ENVSTREAM_FLEET_LB_ADDRESS", "127.0.0.1:");
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

}
