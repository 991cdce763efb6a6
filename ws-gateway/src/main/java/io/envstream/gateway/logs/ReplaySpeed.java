package io.envstream.gateway.logs;

import java.math.BigDecimal;

/**
 * How fast a replay goes: the original gaps between lines divided by {@code factor}, or as fast as
 * possible ({@code max}, an infinite factor).
 * @param factor 0.25 to 100, or {@link Double#POSITIVE_INFINITY} for {@code max}
 */
record ReplaySpeed(double factor) {

	static final double MIN = 0.25;

	static final double MAX = 100;

	static final ReplaySpeed AS_FAST_AS_POSSIBLE = new ReplaySpeed(Double.POSITIVE_INFINITY);

	private static final String RANGE = "speed must be a number from 0.25 to 100, or max";

	/** @throws IllegalArgumentException naming the allowed values */
	static ReplaySpeed parse(String text) {
		if ("max".equals(text)) {
			return AS_FAST_AS_POSSIBLE;
		}
		double factor;
		try {
			factor = Double.parseDouble(text);
		}
		catch (NumberFormatException | NullPointerException ex) {
			throw new IllegalArgumentException(RANGE);
		}
		return of(factor);
	}

	/** @throws IllegalArgumentException when out of range */
	static ReplaySpeed of(double factor) {
		if (!(factor >= MIN && factor <= MAX)) {
			throw new IllegalArgumentException(RANGE);
		}
		return new ReplaySpeed(factor);
	}

	boolean isMax() {
		return Double.isInfinite(this.factor);
	}

	/** The value as the protocol writes it: a JSON number, or {@code "max"}. */
	String json() {
		return isMax() ? "\"max\"" : BigDecimal.valueOf(this.factor).stripTrailingZeros().toPlainString();
	}

}
