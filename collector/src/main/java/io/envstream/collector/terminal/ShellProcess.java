package io.envstream.collector.terminal;

import java.io.InputStream;

import com.github.dockerjava.transport.DockerHttpClient.Response;

/**
 * A running {@code docker exec} with a TTY: its id, its stdin, and the hijacked connection its
 * PTY's output arrives on.
 */
final class ShellProcess implements AutoCloseable {

	private final String execId;

	private final StdinPipe stdin;

	private final Response response;

	ShellProcess(String execId, StdinPipe stdin, Response response) {
		this.execId = execId;
		this.stdin = stdin;
		this.response = response;
	}

	String execId() {
		return this.execId;
	}

	/** Input for the shell; {@code from} is held while too much of it waits unread ({@link StdinPipe}). */
	void write(byte[] input, ReadingHold from) {
		this.stdin.write(input, from);
	}

	/** Whether a connection is held until the shell reads its input. */
	boolean inputHeld() {
		return this.stdin.holding();
	}

	/** The PTY's output; ends when the shell and everything holding the PTY open are gone. */
	InputStream output() {
		return this.response.getBody();
	}

	/** Ends the stdin stream and drops the engine connection (the shell is not stopped by this). */
	@Override
	public void close() {
		this.stdin.close();
		try {
			this.response.close();
		}
		catch (RuntimeException ex) {
			// already closed by the engine
		}
	}

}
