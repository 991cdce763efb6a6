package io.envstream.gateway.logs;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A cheap upper estimate of the size of the program RE2/J would compile a regex to, read from its
 * text alone. RE2/J expands counted repeats before compiling, so nested ones multiply:
 * {@code ((a{1000}){1000}){1000}} would need a billion instructions and exhausts the heap while
 * compiling. Checking this first keeps such a pattern from ever reaching the compiler.
 */
final class RegexSize {

	/** Past this, every figure is as bad as any other; keeps the products from overflowing. */
	private static final long CEILING = 1L << 40;

	/** The unanchored search loop, the match and the fail instructions around every program. */
	private static final int OVERHEAD = 4;

	private RegexSize() {
	}

	static long estimate(String regex) {
		// the size so far of each enclosing group's level, innermost first
		Deque<Long> outer = new ArrayDeque<>();
		long total = OVERHEAD;
		long last = 0;
		for (int i = 0; i < regex.length(); i++) {
			char c = regex.charAt(i);
			long atom = 1;
			switch (c) {
				case '\\' -> {
					int end = escapeEnd(regex, i);
					// \Q...\E quotes one literal per character; any other escape is one instruction
					atom = regex.startsWith("\\Q", i) ? Math.max(1, end - i - 3) : 1;
					i = end;
				}
				case '[' -> i = classEnd(regex, i);
				case '(' -> {
					outer.push(total);
					total = 0;
					last = 0;
					continue;
				}
				case ')' -> {
					if (!outer.isEmpty()) {
						atom = total + 2;
						total = outer.pop();
					}
				}
				case '|', '*', '+', '?' -> {
					total += 1;
					if (c == '|') {
						last = 0;
					}
					continue;
				}
				case '{' -> {
					int[] repeat = repeat(regex, i);
					if (repeat != null) {
						// x{n,m} becomes n copies of x and m-n nested optional ones, each optional one more instruction
						long copies = repeat[1];
						long optional = repeat[1] - repeat[2];
						total = Math.min(CEILING, total + last * (copies - 1) + optional);
						last = Math.min(CEILING, last * copies + optional);
						i = repeat[0];
						continue;
					}
				}
				default -> {
				}
			}
			last = atom;
			total = Math.min(CEILING, total + atom);
		}
		while (!outer.isEmpty()) {
			total = Math.min(CEILING, total + outer.pop());
		}
		return total;
	}

	/** The index of the last character of the escape at {@code start}. */
	private static int escapeEnd(String regex, int start) {
		if (start + 1 >= regex.length()) {
			return start;
		}
		char kind = regex.charAt(start + 1);
		if (kind == 'Q') {
			int end = regex.indexOf("\\E", start + 2);
			return (end < 0) ? regex.length() - 1 : end + 1;
		}
		if ((kind == 'x' || kind == 'p' || kind == 'P') && start + 2 < regex.length() && regex.charAt(start + 2) == '{') {
			int end = regex.indexOf('}', start + 3);
			return (end < 0) ? regex.length() - 1 : end;
		}
		return start + 1;
	}

	/** The index of the {@code ]} closing the class at {@code start} (a leading {@code ]} is a member). */
	private static int classEnd(String regex, int start) {
		int i = start + 1;
		if (i < regex.length() && regex.charAt(i) == '^') {
			i++;
		}
		if (i < regex.length() && regex.charAt(i) == ']') {
			i++;
		}
		for (; i < regex.length(); i++) {
			char c = regex.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '[' && i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
				int end = regex.indexOf(":]", i + 2);
				i = (end < 0) ? i : end + 1;
			}
			else if (c == ']') {
				return i;
			}
		}
		return regex.length() - 1;
	}

	/**
	 * A counted repeat {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code start}: the index of its
	 * {@code }}, how many copies of its operand RE2/J makes and how many of them are required;
	 * {@code null} when the brace is a literal.
	 */
	private static int[] repeat(String regex, int start) {
		int[] min = number(regex, start + 1);
		int end = min[0];
		int copies = min[1];
		if (end > start + 1 && end < regex.length() && regex.charAt(end) == ',') {
			int[] max = number(regex, end + 1);
			copies = (max[0] == end + 1) ? copies + 1 : Math.max(copies, max[1]);
			end = max[0];
		}
		if (end == start + 1 || end >= regex.length() || regex.charAt(end) != '}') {
			return null;
		}
		return new int[] { end, Math.max(1, copies), min[1] };
	}

	/** The index after the decimal digits at {@code start}, and their value (capped: RE2 allows at most 1000). */
	private static int[] number(String regex, int start) {
		int i = start;
		int value = 0;
		for (; i < regex.length() && regex.charAt(i) >= '0' && regex.charAt(i) <= '9'; i++) {
			value = Math.min(1_000_000, value * 10 + (regex.charAt(i) - '0'));
		}
		return new int[] { i, value };
	}

}
