package io.envstream.schemas.terminal;

/** An agent token that is missing, malformed, wrongly signed or expired; the message says which. */
public class InvalidAgentTokenException extends Exception {

	private static final long serialVersionUID = 1L;

	public InvalidAgentTokenException(String message) {
		super(message);
	}

}
