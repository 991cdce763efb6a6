package io.envstream.schemas.cursor;

/**
 * A cursor string that is not one envstream issued: malformed, tampered with, too long, of an
 * unknown version or out of range. The message says why and never echoes the input.
 */
public class InvalidCursorException extends IllegalArgumentException {

	public InvalidCursorException(String reason) {
		super("invalid cursor: " + reason);
	}

}
