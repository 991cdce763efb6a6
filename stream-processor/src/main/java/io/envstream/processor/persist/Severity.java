package io.envstream.processor.persist;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Whether a line looks like an error or a warning, by the conventions of common loggers. The {@code level} the
 * topology copied from a JSON line decides first; otherwise the first level-looking token within the line's
 * first {@link #SCANNED} characters does (a level that is neither, such as {@code INFO}, ends the search):
 * <ul>
 * <li>an upper-case word: {@code ERROR}, {@code FATAL}, {@code CRITICAL}, {@code PANIC}, {@code SEVERE},
 * {@code WARN}, {@code WARNING} (Logback, Log4j, Python logging, zap's console encoder);</li>
 * <li>a level key with a value, in any case: {@code level=error}, {@code lvl=warn} (logfmt),
 * {@code "level":"warn"}, {@code severity: error};</li>
 * <li>a bracketed level in any case: {@code [error]}, {@code [warn]} (nginx, Apache).</li>
 * </ul>
 * Free text such as "0 errors" or "error handling enabled" is not a level: only those shapes count. Only a
 * prefix is read so that a long line costs no more than a short one.
 */
enum Severity {

	ERROR, WARNING, OTHER;

	static final int SCANNED = 256;

	private static final String[] ERROR_NAMES = { "error", "err", "fatal", "critical", "crit", "panic", "emerg",
			"emergency", "alert", "severe" };

	private static final String[] WARNING_NAMES = { "warn", "warning" };

	private static final String[] OTHER_NAMES = { "info", "information", "notice", "debug", "trace", "fine", "finer",
			"finest", "verbose" };

	private static final String[] LEVEL_KEYS = { "level", "lvl", "severity", "loglevel" };

	/** The shortest and longest of the names and keys above: a word of another length is none of them. */
	private static final int SHORTEST = lengths().min().getAsInt();

	private static final int LONGEST = lengths().max().getAsInt();

	static Severity of(String message, Map<String, String> metadata) {
		String tagged = (metadata != null) ? metadata.get("level") : null;
		Severity level = (tagged != null) ? level(tagged) : null;
		return (level != null) ? level : scan(message);
	}

	private static Severity scan(String message) {
		int end = Math.min(message.length(), SCANNED);
		int i = 0;
		while (i < end) {
			if (!isLetter(message.charAt(i))) {
				i++;
				continue;
			}
			int start = i;
			while (i < end && isLetter(message.charAt(i))) {
				i++;
			}
			Severity found = token(message, start, i, end);
			if (found != null) {
				return found;
			}
		}
		return OTHER;
	}

	/**
	 * The level the word {@code message[start, stop)} gives with what surrounds it, or null if it is none. Compared
	 * in place, without copying the word: this runs for every word of every stored line's prefix.
	 */
	private static Severity token(String message, int start, int stop, int end) {
		int length = stop - start;
		if (length < SHORTEST || length > LONGEST) {
			return null;
		}
		if (isUpperCase(message, start, stop)) {
			Severity named = level(message, start, stop);
			if (named != null) {
				return named;
			}
		}
		if (start > 0 && message.charAt(start - 1) == '[' && stop < end && message.charAt(stop) == ']') {
			return level(message, start, stop);
		}
		if (isAny(LEVEL_KEYS, message, start, stop)) {
			return levelAfter(message, stop, end);
		}
		return null;
	}

	/** The level of the word after a level key: {@code =}, {@code :} and quotes between them are skipped. */
	private static Severity levelAfter(String message, int stop, int end) {
		int i = stop;
		boolean separated = false;
		while (i < end && "\"' =:".indexOf(message.charAt(i)) >= 0) {
			separated |= message.charAt(i) == '=' || message.charAt(i) == ':';
			i++;
		}
		int start = i;
		while (i < end && isLetter(message.charAt(i))) {
			i++;
		}
		return separated ? level(message, start, i) : null;
	}

	/** The severity a level name means, in any case; null for a word that names no level. */
	private static Severity level(String name) {
		return level(name, 0, name.length());
	}

	private static Severity level(String text, int start, int stop) {
		if (isAny(ERROR_NAMES, text, start, stop)) {
			return ERROR;
		}
		if (isAny(WARNING_NAMES, text, start, stop)) {
			return WARNING;
		}
		return isAny(OTHER_NAMES, text, start, stop) ? OTHER : null;
	}

	private static boolean isAny(String[] names, String text, int start, int stop) {
		int length = stop - start;
		for (String name : names) {
			if (name.length() == length && text.regionMatches(true, start, name, 0, length)) {
				return true;
			}
		}
		return false;
	}

	private static IntStream lengths() {
		return Stream.of(ERROR_NAMES, WARNING_NAMES, OTHER_NAMES, LEVEL_KEYS).flatMap(Arrays::stream)
			.mapToInt(String::length);
	}

	/**
	 * {@link Character#isLetter}, answered without its tables for ASCII: this test runs for each character of every
	 * stored line's prefix, and the tables' lookups were half of the persister's profile samples.
	 */
	private static boolean isLetter(char c) {
		if (c < 128) {
			char lower = (char) (c | 0x20);
			return lower >= 'a' && lower <= 'z';
		}
		return Character.isLetter(c);
	}

	private static boolean isUpperCase(String text, int start, int stop) {
		for (int i = start; i < stop; i++) {
			char c = text.charAt(i);
			if (!((c < 128) ? (c >= 'A' && c <= 'Z') : Character.isUpperCase(c))) {
				return false;
			}
		}
		return true;
	}

}
