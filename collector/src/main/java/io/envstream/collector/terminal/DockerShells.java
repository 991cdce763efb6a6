package io.envstream.collector.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.envstream.collector.EngineQuestions;
import io.envstream.collector.EngineQuestions.EngineDidNotAnswerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shells in containers through the engine's exec API. The shell runs under a small {@code sh}
 * wrapper that sets the initial PTY size with {@code stty} before the shell prints anything (API
 * 1.41 has no console size on exec start) and picks {@code /bin/bash}, else {@code /bin/sh}. Every
 * process of a session carries the environment variable {@value #SESSION_VARIABLE}: ending a
 * session signals each process that still carries it, so background jobs in their own process
 * groups end too.
 */
final class DockerShells implements AutoCloseable {

	static final String SESSION_VARIABLE = "ENVSTREAM_TERMINAL_SESSION";

	private static final Logger logger = LoggerFactory.getLogger(DockerShells.class);

	// $1 $2: cols rows (0: leave the engine's size); then the command, none meaning bash, else sh
	private static final String WRAPPER = """
			if [ "$1" -gt 0 ] && [ "$2" -gt 0 ]; then stty cols "$1" rows "$2" 2>/dev/null; fi
			shift 2
			if [ $# -eq 0 ]; then [ -x /bin/bash ] && exec /bin/bash; exec /bin/sh; fi
			exec "$@"
			""";

	// $1: the session's marker; hang up (what closing a terminal does), terminate, then kill what is left
	private static final String SWEEP = """
			pids() {
			  for d in /proc/[0-9]*; do
			    tr '\\0' '\\n' < "$d/environ" 2>/dev/null | grep -qxF "$1" && echo "${d#/proc/}"
			  done
			}
			p=$(pids "$1"); [ -n "$p" ] || exit 0
			kill -HUP $p 2>/dev/null; kill -TERM $p 2>/dev/null
			i=0
			while [ $i -lt 20 ]; do
			  p=$(pids "$1"); [ -n "$p" ] || exit 0
			  sleep 0.1 2>/dev/null || sleep 1; i=$((i + 1))
			done
			kill -KILL $p 2>/dev/null; exit 0
			""";

	private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(10);

	private final DockerClient docker;

	private final DockerHttpClient http;

	/**
	 * The inspect and the exec's creation, each within {@link EngineQuestions#ANSWER_TIMEOUT}: the engine holds them
	 * for a container whose runtime shim hangs, and the agent's connection would wait with them, saying nothing.
	 */
	private final EngineQuestions questions = new EngineQuestions(EngineQuestions.ANSWER_TIMEOUT);

	DockerShells(DockerClient docker, DockerHttpClient http) {
		this.docker = docker;
		this.http = http;
	}

	/**
	 * The container's labels; none when the engine does not know it.
	 * @throws ShellStartException when the engine cannot tell
	 */
	Map<String, String> labels(String containerId) {
		try {
			ContainerConfig config = this.questions
				.ask("the inspect of " + shortId(containerId), () -> this.docker.inspectContainerCmd(containerId).exec())
				.getConfig();
			return (config != null && config.getLabels() != null) ? config.getLabels() : Map.of();
		}
		catch (NotFoundException ex) {
			return Map.of();
		}
		catch (DockerException | EngineDidNotAnswerException ex) {
			throw new ShellStartException("cannot inspect " + shortId(containerId) + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Starts a shell with a TTY in the container.
	 * @param command the command to run, or empty for {@code /bin/bash} falling back to {@code /bin/sh}
	 * @throws ShellStartException with the engine's reason when the exec cannot start
	 */
	ShellProcess start(String containerId, String sessionId, int cols, int rows, List<String> command) {
		List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "envstream-terminal",
				Integer.toString(cols), Integer.toString(rows)));
		argv.addAll(command);
		String execId;
		try {
			execId = this.questions.ask("the exec in " + shortId(containerId), () -> this.docker.execCreateCmd(containerId)
				.withTty(true)
				.withAttachStdin(true)
				.withAttachStdout(true)
				.withAttachStderr(true)
				.withEnv(List.of("TERM=xterm-256color", SESSION_VARIABLE + "=" + sessionId))
				.withCmd(argv.toArray(String[]::new))
				.exec()
				.getId());
		}
		catch (DockerException | EngineDidNotAnswerException ex) {
			throw new ShellStartException("cannot start a shell in " + shortId(containerId) + ": " + ex.getMessage(),
					ex);
		}
		StdinPipe stdin = new StdinPipe();
		Request request = Request.builder()
			.method(Request.Method.POST)
			.path("/exec/" + execId + "/start")
			.putHeader("Content-Type", "application/json")
			.putHeader("Connection", "Upgrade")
			.putHeader("Upgrade", "tcp")
			.bodyBytes("{\"Detach\":false,\"Tty\":true}".getBytes(StandardCharsets.UTF_8))
			.hijackedInput(stdin)
			.build();
		Response response;
		try {
			response = this.http.execute(request);
		}
		catch (RuntimeException ex) {
			stdin.close();
			throw new ShellStartException("cannot reach the Docker engine: " + ex.getMessage(), ex);
		}
		int status = response.getStatusCode();
		if (status != 101 && status != 200) {
			String body = readQuietly(response);
			closeQuietly(response);
			stdin.close();
			throw new ShellStartException("the engine answered " + status + " to the exec start: " + body, null);
		}
		return new ShellProcess(execId, stdin, response);
	}

	/** Makes programs in the PTY see the new size ({@code SIGWINCH}). */
	void resize(String execId, int cols, int rows) {
		try {
			this.docker.resizeExecCmd(execId).withSize(rows, cols).exec();
		}
		catch (DockerException ex) {
			// the shell may just have exited; its end is reported by the output stream
			logger.debug("Resize of exec {} failed: {}", execId, ex.getMessage());
		}
	}

	/** The exec's exit code, waiting briefly for the engine to record it; {@code null} if it cannot tell. */
	Integer exitCode(String execId) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		try {
			do {
				Long code = this.docker.inspectExecCmd(execId).exec().getExitCodeLong();
				if (code != null) {
					return code.intValue();
				}
				// the engine sets the code a moment after the output stream ends
				Thread.sleep(20);
			}
			while (System.nanoTime() < deadline);
		}
		catch (DockerException ex) {
			logger.debug("Inspecting exec {} failed: {}", execId, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return null;
	}

	/**
	 * Ends every process of the session still running in the container (SIGHUP and SIGTERM, SIGKILL
	 * after two seconds), as root so it reaches processes of any user; waits for the sweep.
	 */
	void endSession(String containerId, String sessionId) {
		try {
			String execId = this.docker.execCreateCmd(containerId)
				.withUser("0")
				.withAttachStdout(true)
				.withAttachStderr(true)
				.withCmd("/bin/sh", "-c", SWEEP, "envstream-sweep", SESSION_VARIABLE + "=" + sessionId)
				.exec()
				.getId();
			ResultCallback.Adapter<Frame> done = this.docker.execStartCmd(execId).exec(new ResultCallback.Adapter<>());
			if (!done.awaitCompletion(SWEEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				logger.warn("Ending the processes of terminal session {} in {} took over {}", sessionId,
						shortId(containerId), SWEEP_TIMEOUT);
			}
		}
		catch (DockerException ex) {
			// a container that is gone or stopped has no process left
			logger.debug("Sweep of terminal session {} in {} not run: {}", sessionId, shortId(containerId),
					ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String shortId(String containerId) {
		return containerId.substring(0, Math.min(12, containerId.length()));
	}

	private static String readQuietly(Response response) {
		try (InputStream in = response.getBody()) {
			return new String(in.readNBytes(1024), StandardCharsets.UTF_8).strip();
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

	private static void closeQuietly(Response response) {
		try {
			response.close();
		}
		catch (RuntimeException ex) {
			// nothing more to read
		}
	}

	@Override
	public void close() {
		this.questions.close();
	}

}
