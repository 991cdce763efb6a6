package io.envstream.gateway.terminal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The query parameters of a terminal connection, validated.
 * @param cols initial PTY width, 0 when not given
 * @param rows initial PTY height, 0 when not given
 * @param cmd the command asked for, {@code null} for the default shell
 * @param session the session to reattach, {@code null} for a new one
 */
record TerminalRequest(int cols, int rows, String cmd, String session) {

	private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private static final int MAX_CMD_LENGTH = 1024;

	/** @throws IllegalArgumentException naming the bad parameter */
	static TerminalRequest parse(URI uri) {
		MultiValueMap<String, String> params = UriComponentsBuilder.fromUri(uri).build(true).getQueryParams();
		int cols = dimension(params.getFirst("cols"), "cols");
		int rows = dimension(params.getFirst("rows"), "rows");
		if ((cols == 0) != (rows == 0)) {
			throw new IllegalArgumentException("cols and rows go together");
		}
		String cmd = decoded(params.getFirst("cmd"));
		if (cmd != null && (cmd.isBlank() || cmd.length() > MAX_CMD_LENGTH)) {
			throw new IllegalArgumentException("cmd must be a non-blank command of at most " + MAX_CMD_LENGTH
					+ " characters");
		}
		String session = decoded(params.getFirst("session"));
		if (session != null && !SESSION.matcher(session).matches()) {
			throw new IllegalArgumentException("session must match [A-Za-z0-9_-]{1,128}");
		}
		return new TerminalRequest(cols, rows, cmd, session);
	}

	private static int dimension(String text, String name) {
		if (text == null) {
			return 0;
		}
		try {
			int value = Integer.parseInt(text);
			if (value >= 1 && value <= 65535) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// the same message as out of range
		}
		throw new IllegalArgumentException(name + " must be an integer between 1 and 65535");
	}

	private static String decoded(String value) {
		return (value == null) ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
