package io.envstream.gateway.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import io.envstream.schemas.cursor.InvalidCursorException;

/**
 * The parameters the logs WebSocket (its query and {@code filter} messages) and the REST history
 * share, each read one way: a bad value is refused with an {@link IllegalArgumentException} naming
 * the parameter, the same message on both.
 */
final class LogsParameters {

	private LogsParameters() {
	}

	/** "all" or absent → {@code null}; {@code stdout}/{@code stderr} as is; anything else is refused. */
	static String stream(String value) {
		if (value == null || value.equals("all")) {
			return null;
		}
		if (value.equals("stdout") || value.equals("stderr")) {
			return value;
		}
		throw new IllegalArgumentException("stream must be all, stdout or stderr");
	}

	/** A line count between {@code min} and {@code max}; {@code defaultValue} when absent. */
	static int count(String text, String name, int defaultValue, int min, int max) {
		if (text == null) {
			return defaultValue;
		}
		int count;
		try {
			count = Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a number");
		}
		if (count < min || count > max) {
			throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
		}
		return count;
	}

	/** An RFC 3339 time, or {@code null} when absent. */
	static Instant time(String text, String name) {
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(name + " must be an RFC 3339 time");
		}
	}

	/**
	 * A cursor, or {@code null} when absent.
	 * @throws InvalidCursorException when it is not one
	 */
	static Cursor cursor(String text) {
		return (text == null) ? null : CursorCodec.decode(text);
	}

}
