package io.envstream.gateway.logs;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A client's grep regex, run by RE2/J so that no pattern can backtrack: a match costs at most the
 * compiled program's size times the characters read. Both are bounded so that one line costs the
 * fan-out thread a fraction of a second at worst: the program by {@link #MAX_PROGRAM_SIZE}, the
 * characters by reading only the first {@code maxChars} of a longer line (the line is still
 * delivered whole; {@code $} matches where the prefix ends). Nested counted repeats are refused
 * from the text before compiling, because RE2/J would expand them to any size.
 */
final class GrepPattern {

	static final int MAX_LENGTH = 1000;

	/** At ~10 ns per instruction and character, 500 instructions over 16 Ki characters take ~80 ms. */
	static final int MAX_PROGRAM_SIZE = 500;

	private static final String SYNTAX = "RE2 syntax: no backreferences or lookaround";

	private final Pattern pattern;

	private final int maxChars;

	private GrepPattern(Pattern pattern, int maxChars) {
		this.pattern = pattern;
		this.maxChars = maxChars;
	}

	/**
	 * @param maxChars how many characters of a line are matched
	 * @throws IllegalArgumentException with a message for the client when the regex is unusable
	 */
	static GrepPattern compile(String regex, int maxChars) {
		if (regex.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("regex longer than " + MAX_LENGTH + " characters");
		}
		// the estimate may be a little high: only one far over the limit is refused before compiling
		long estimate = RegexSize.estimate(regex);
		if (estimate > 2L * MAX_PROGRAM_SIZE) {
			throw tooLarge("about " + estimate);
		}
		Pattern pattern;
		try {
			pattern = Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException(
					"invalid regex: " + ex.getDescription() + ": " + ex.getPattern() + " (" + SYNTAX + ")");
		}
		if (pattern.programSize() > MAX_PROGRAM_SIZE) {
			throw tooLarge(Integer.toString(pattern.programSize()));
		}
		return new GrepPattern(pattern, maxChars);
	}

	private static IllegalArgumentException tooLarge(String instructions) {
		return new IllegalArgumentException("regex too large: it expands to " + instructions
				+ " instructions, at most " + MAX_PROGRAM_SIZE + " (lower its repeat counts)");
	}

	/** Equal for the same regex and prefix length: clients that type the same grep share its frames. */
	@Override
	public boolean equals(Object other) {
		return other instanceof GrepPattern that && this.maxChars == that.maxChars
				&& this.pattern.pattern().equals(that.pattern.pattern());
	}

	@Override
	public int hashCode() {
		return 31 * this.pattern.pattern().hashCode() + this.maxChars;
	}

	/** Whether the regex matches somewhere in the line's first {@code maxChars} characters. */
	boolean find(String line) {
		return this.pattern.matcher((line.length() > this.maxChars) ? line.substring(0, this.maxChars) : line).find();
	}

}
