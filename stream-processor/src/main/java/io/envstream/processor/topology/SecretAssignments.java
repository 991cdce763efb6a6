package io.envstream.processor.topology;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A cheap test run before the {@code secret-assignment} regex: whether some {@code =} or {@code :} in the line
 * follows (after spaces and a quote, maybe escaped) a name ending in password, passphrase, pass, pwd, secret, token,
 * key or credential(s). Most lines have none, and the regex then never runs.
 */
final class SecretAssignments {

	private static final List<String> KEY_ENDINGS = List.of("password", "passwd", "passphrase", "pass", "pwd", "secret",
			"token", "key", "credential", "credentials");

	/**
	 * The key endings by their last letter (an ASCII index): a separator after any other character needs no
	 * comparison, and after one of them only the endings that end in it are compared ({@code status=} compares
	 * {@code pass} and {@code credentials}, not all ten).
	 */
	private static final String[][] ENDINGS_BY_LAST_LETTER = endingsByLastLetter();

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
		if (end == 0) {
			return false;
		}
		// folded as regionMatches(true, ...) folds, so that the long s (U+017F) still counts as an s
		char last = Character.toLowerCase(Character.toUpperCase(line.charAt(end - 1)));
		String[] endings = (last < ENDINGS_BY_LAST_LETTER.length) ? ENDINGS_BY_LAST_LETTER[last] : null;
		if (endings == null) {
			return false;
		}
		for (String ending : endings) {
			int start = end - ending.length();
			if (start >= 0 && line.regionMatches(true, start, ending, 0, ending.length())) {
				return true;
			}
		}
		return false;
	}

	private static String[][] endingsByLastLetter() {
		Map<Character, List<String>> byLetter = KEY_ENDINGS.stream()
			.collect(Collectors.groupingBy((ending) -> ending.charAt(ending.length() - 1)));
		String[][] table = new String[128][];
		byLetter.forEach((letter, endings) -> table[letter] = endings.toArray(String[]::new));
		return table;
	}

}
