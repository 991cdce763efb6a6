package io.envstream.alerts.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A rule's log pattern, run by RE2/J so that no pattern can backtrack, with the same bounds as the gateway's
 * grep: the compiled program is limited, and only a line's first {@link #MAX_CHARS} characters are matched, so
 * one line costs the stream thread well under a millisecond per rule.
 */
public final class LogPattern {

	static final int MAX_LENGTH = 1000;

	static final int MAX_PROGRAM_SIZE = 500;

	static final int MAX_CHARS = 16 * 1024;

	private final Pattern pattern;

	private LogPattern(Pattern pattern) {
		this.pattern = pattern;
	}

	/** @throws IllegalArgumentException with a message for the rule's author when the regex is unusable */
	public static LogPattern compile(String regex) {
		if (regex.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("pattern longer than " + MAX_LENGTH + " characters");
		}
		Pattern pattern;
		try {
			pattern = Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("invalid pattern: " + ex.getDescription() + ": " + ex.getPattern()
					+ " (RE2 syntax: no backreferences or lookaround)");
		}
		if (pattern.programSize() > MAX_PROGRAM_SIZE) {
			throw new IllegalArgumentException("pattern too large: it expands to " + pattern.programSize()
					+ " instructions, at most " + MAX_PROGRAM_SIZE + " (lower its repeat counts)");
		}
		return new LogPattern(pattern);
	}

	public boolean find(String line) {
		return this.pattern.matcher((line.length() > MAX_CHARS) ? line.substring(0, MAX_CHARS) : line).find();
	}

	@Override
	public String toString() {
		return this.pattern.pattern();
	}

}
