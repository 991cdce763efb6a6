package io.envstream.gateway.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A client's grep regex, guarded so that a catastrophic pattern cannot stall the fan-out thread:
 * the pattern is length-limited, and each match may inspect at most a budget of characters (the
 * matcher reads its input through a counting {@link CharSequence}). A match over budget counts as
 * no match and trips the pattern; a tripped pattern matches nothing from then on and its users are
 * told once with an {@code error} message.
 */
public final class GuardedPattern {

	static final int MAX_LENGTH = 1000;

	private final Pattern pattern;

	private final int stepBudget;

	private volatile boolean tripped;

	private final java.util.concurrent.atomic.AtomicBoolean noticed = new java.util.concurrent.atomic.AtomicBoolean();

	private GuardedPattern(Pattern pattern, int stepBudget) {
		this.pattern = pattern;
		this.stepBudget = stepBudget;
	}

	/** @throws IllegalArgumentException with a message for the client when the regex is unusable */
	public static GuardedPattern compile(String regex, int stepBudget) {
		if (regex.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("regex longer than " + MAX_LENGTH + " characters");
		}
		try {
			return new GuardedPattern(Pattern.compile(regex), stepBudget);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("invalid regex: " + ex.getDescription());
		}
	}

	String source() {
		return this.pattern.pattern();
	}

	boolean tripped() {
		return this.tripped;
	}

	/** True once, for the first caller after the pattern tripped. */
	boolean claimTripNotice() {
		return this.tripped && this.noticed.compareAndSet(false, true);
	}

	public boolean find(String text) {
		if (this.tripped) {
			return false;
		}
		Matcher matcher = this.pattern.matcher(new BudgetedText(text, this.stepBudget));
		try {
			return matcher.find();
		}
		catch (BudgetExceeded ex) {
			this.tripped = true;
			return false;
		}
	}

	private static final class BudgetExceeded extends RuntimeException {

		private static final long serialVersionUID = 1L;

		BudgetExceeded() {
			super(null, null, false, false);
		}

	}

	private static final class BudgetedText implements CharSequence {

		private final String text;

		private int remaining;

		BudgetedText(String text, int budget) {
			this.text = text;
			this.remaining = budget;
		}

		@Override
		public char charAt(int index) {
			if (--this.remaining < 0) {
				throw new BudgetExceeded();
			}
			return this.text.charAt(index);
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return this.text.subSequence(start, end);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

}
