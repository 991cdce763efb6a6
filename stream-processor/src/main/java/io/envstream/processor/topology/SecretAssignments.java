package io.envstream.processor.topology;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A cheap test run before the {@code secret-assignment} regex: whether some {@code =} or {@code :} in the line
 * follows (after spaces and a quote, maybe escaped) a name ending in password, passphrase, pass, pwd, secret, token,
 * key or credential(s). Most lines have none, and the regex then never runs.
 */
final class SecretAssignments {

	private static final List<String> KEY_ENDINGS = List.of("password", "passwd", "passphrase", "pass", "pwd", "secret",
			"token", "key", "credential", "credentials");

	/** The letters a key ending ends with: a separator after any other character needs no comparison. */
	private static final String LAST_LETTERS = KEY_ENDINGS.stream()
		.map((ending) -> ending.substring(ending.length() - 1))
		.distinct()
		.collect(Collectors.joining());

	private SecretAssignments() {
	}

	static boolean mayMatch(String line) {
		return separatorFollowsKey(line, '=') || separatorFollowsKey(line, ':');
	}

	// String.indexOf is an intrinsic that compares many characters per instruction: a charAt loop over every line
	// was the topology's top frame.
	private static boolean separatorFollowsKey(String line, char separator) {
		for (int at = line.indexOf(separator); at >= 0; at = line.indexOf(separator, at + 1)) {
			if (keyEndsBefore(line, at)) {
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
		// folded as regionMatches(true, ...) folds, so that the long s (U+017F) still counts as an s
		if (end == 0 || LAST_LETTERS.indexOf(Character.toLowerCase(Character.toUpperCase(line.charAt(end - 1)))) < 0) {
			return false;
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
