package io.envstream.processor.persist;

import java.util.Locale;
import java.util.Map;

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

	static Severity of(String message, Map<String, String> metadata) {
		Severity tagged = (metadata != null && metadata.get("level") != null) ? level(metadata.get("level")) : null;
		return (tagged != null) ? tagged : scan(message);
	}

	private static Severity scan(String message) {
		int end = Math.min(message.length(), SCANNED);
		int i = 0;
		while (i < end) {
			if (!Character.isLetter(message.charAt(i))) {
				i++;
				continue;
			}
			int start = i;
			while (i < end && Character.isLetter(message.charAt(i))) {
				i++;
			}
			Severity found = token(message, start, i, end);
			if (found != null) {
				return found;
			}
		}
		return OTHER;
	}

	/** The level the word {@code message[start, stop)} gives with what surrounds it, or null if it is none. */
	private static Severity token(String message, int start, int stop, int end) {
		String word = message.substring(start, stop);
		if (isUpperCase(word) && level(word) != null) {
			return level(word);
		}
		if (start > 0 && message.charAt(start - 1) == '[' && stop < end && message.charAt(stop) == ']') {
			return level(word);
		}
		if (isLevelKey(word)) {
			return level(valueAfter(message, stop, end));
		}
		return null;
	}

	/** The word after a level key: {@code =}, {@code :} and quotes between them are skipped. */
	private static String valueAfter(String message, int stop, int end) {
		int i = stop;
		boolean separated = false;
		while (i < end && "\"' =:".indexOf(message.charAt(i)) >= 0) {
			separated |= message.charAt(i) == '=' || message.charAt(i) == ':';
			i++;
		}
		int start = i;
		while (i < end && Character.isLetter(message.charAt(i))) {
			i++;
		}
		return separated ? message.substring(start, i) : "";
	}

	private static boolean isLevelKey(String word) {
		return switch (word.toLowerCase(Locale.ROOT)) {
			case "level", "lvl", "severity", "loglevel" -> true;
			default -> false;
		};
	}

	/** The severity a level name means; null for a word that names no level. */
	private static Severity level(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "error", "err", "fatal", "critical", "crit", "panic", "emerg", "emergency", "alert", "severe" -> ERROR;
			case "warn", "warning" -> WARNING;
			case "info", "information", "notice", "debug", "trace", "fine", "finer", "finest", "verbose" -> OTHER;
			default -> null;
		};
	}

	private static boolean isUpperCase(String word) {
		for (int i = 0; i < word.length(); i++) {
			if (!Character.isUpperCase(word.charAt(i))) {
				return false;
			}
		}
		return true;
	}

}
