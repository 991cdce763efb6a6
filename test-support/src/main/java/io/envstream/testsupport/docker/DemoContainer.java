package io.envstream.testsupport.docker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container of the demo image on the engine of the {@link DockerFixture} that started it (so
 * {@code DOCKER_HOST} points both elsewhere): write lines as its main process, exec, read its
 * logs, wait for its exit, stop it. Closing it force-removes it.
 */
public final class DemoContainer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DemoContainer.class);

	private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);

	private final DockerClient client;
	private final String id;
	private final String name;
	private final String environmentId;
	private final Runnable onClose;

	DemoContainer(DockerClient client, String id, String name, String environmentId, Runnable onClose) {
		this.client = client;
		this.id = id;
		this.name = name;
		this.environmentId = environmentId;
		this.onClose = onClose;
	}

	public String id() {
		return id;
	}

	public String name() {
		return name;
	}

	public String environmentId() {
		return environmentId;
	}

	/** Makes the container's main process print {@code line} (plus a newline) on its stdout. */
	public void writeStdout(String line) {
		writeToMainProcess(1, line);
	}

	/** Makes the container's main process print {@code line} (plus a newline) on its stderr. */
	public void writeStderr(String line) {
		writeToMainProcess(2, line);
	}

	/** Runs a command in the container ({@code docker exec}, no TTY) and waits up to a minute for it. */
	public ExecResult exec(String... command) {
		String execId = client.execCreateCmd(id).withCmd(command).withAttachStdout(true).withAttachStderr(true)
				.exec().getId();
		FrameCollector output = client.execStartCmd(execId).exec(new FrameCollector());
		output.await(COMMAND_TIMEOUT);
		// the engine may report the exit code a moment after the output stream ends
		Long exitCode = Awaitility.await("exit code of exec in " + name).atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> client.inspectExecCmd(execId).exec().getExitCodeLong(), Objects::nonNull);
		return new ExecResult(exitCode.intValue(), output.stdout(), output.stderr());
	}

	/** What the container printed so far, stdout and stderr interleaved as Docker delivers them. */
	public String logs() {
		FrameCollector output = client.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false)
				.exec(new FrameCollector());
		output.await(COMMAND_TIMEOUT);
		return output.all();
	}

	/** Waits for the container to exit and returns its exit code. */
	public int awaitExit(Duration timeout) {
		return client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
				.awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Stops the container (SIGTERM, then SIGKILL after 10 s); it can still be inspected and read. */
	public void stop() {
		try {
			client.stopContainerCmd(id).withTimeout(10).exec();
		}
		catch (NotModifiedException ex) {
			// already stopped
		}
	}

	/** Force-removes the container; quiet if it is already gone. */
	@Override
	public void close() {
		try {
			client.removeContainerCmd(id).withForce(true).exec();
			log.debug("Removed demo container {}", name);
		}
		catch (NotFoundException ex) {
			// already gone
		}
		finally {
			onClose.run();
		}
	}

	// The line travels as a positional argument, never inside the script, so no quoting can break.
	private void writeToMainProcess(int fd, String line) {
		ExecResult result = exec("sh", "-c", "printf '%s\\n' \"$1\" > /proc/1/fd/" + fd, "sh", line);
		if (result.exitCode() != 0) {
			throw new IllegalStateException("could not write to fd " + fd + " of the main process of " + name + ": "
					+ result.stderr().strip());
		}
	}

}
