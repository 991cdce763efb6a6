package io.envstream.cli;

import java.util.Optional;

/** The terminal around the process, when there is one: what {@code exec} and colours need of it. */
public interface Console {

	/** Whether stdout is a terminal (colours and redraws only then). */
	boolean stdoutIsTerminal();

	/** Whether stdin is a terminal (raw mode only then; piped input runs without it). */
	boolean stdinIsTerminal();

	/** The terminal's size, when stdin is one. */
	Optional<Size> size();

	/** Switches the terminal to raw mode (no echo, no line editing, no signals); closing restores it. */
	AutoCloseable rawMode();

	/** Runs {@code action} whenever the window changes size (SIGWINCH). */
	void onResize(Runnable action);

	/** Runs {@code action} on Ctrl-C (SIGINT) instead of ending the JVM. */
	void onInterrupt(Runnable action);

	/** A terminal size in character cells. */
	record Size(int cols, int rows) {
	}

}
