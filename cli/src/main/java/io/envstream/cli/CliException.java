package io.envstream.cli;

/** A failure to tell the person in words, and the exit status it ends the process with. */
public class CliException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int exitCode;

	public CliException(int exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	public int exitCode() {
		return this.exitCode;
	}

}
