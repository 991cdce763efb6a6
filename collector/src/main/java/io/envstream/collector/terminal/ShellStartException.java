package io.envstream.collector.terminal;

/** The engine would not start a shell (container not running or gone, engine unreachable). */
class ShellStartException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ShellStartException(String message, Throwable cause) {
		super(message, cause);
	}

}
