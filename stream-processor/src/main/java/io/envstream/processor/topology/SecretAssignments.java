package io.envstream.processor.topology;

import java.util.List;

/**
 * A cheap test run before the {@code secret-assignment} regex: whether some {@code =} or {@code :} in the line
 * follows (after spaces and a quote, maybe escaped) a name ending in password, passphrase, pass, pwd, secret, token,
 * key or credential(s). Most lines have none, and the regex then never runs.
 */
final class SecretAssignments {

	private static final List<String> KEY_ENDINGS = List.of("password", "passwd", "passphrase", "pass", "pwd", "secret",
			"token", "key", "credential", "credentials");

	private SecretAssignments() {
	}

	static boolean mayMatch(String line) {
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if ((c == '=' || c == ':') && keyEndsBefore(line, i)) {
				return true;
			}
		}
		return false;
	}

	private static boolean keyEndsBefore(String line, int separator) {
		int end = separator;
		while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
			end--;
		}
		if (end > 0 && (line.charAt(end - 1) == '"' || line.charAt(end - 1) == '\'')) {
			end--;
			if (end > 0 && line.charAt(end - 1) == '\\') {
				end--;
			}
		}
		for (String ending : KEY_ENDINGS) {
			int start = end - ending.length();
			if (start >= 0 && line.regionMatches(true, start, ending, 0, ending.length())) {
				return true;
			}
		}
		return false;
	}

}
