package io.envstream.gateway.json;

/**
 * Timestamps as every endpoint writes them (PROTOCOL.md): RFC 3339 UTC with milliseconds, or
 * finer where the value has it. Written digit by digit: every line of every frame carries one, and
 * going through {@code Instant.toString} (its formatter, then a substring and a padded
 * {@code Integer.toString}) was a fifth of the live fan-out thread's samples in the backlog drain.
 */
public final class Timestamps {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private static final int SECONDS_PER_DAY = 86_400;

	/** Days from 0000-03-01 to 1970-01-01, in the proleptic Gregorian calendar. */
	private static final long EPOCH_DAY_OFFSET = 719_468;

	private static final int DAYS_PER_ERA = 146_097;

	private Timestamps() {
	}

	/** Appends {@code nanos} (since the epoch) with milliseconds, microseconds or nanoseconds, as the value needs. */
	public static void append(StringBuilder out, long nanos) {
		long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
		int fraction = (int) Math.floorMod(nanos, NANOS_PER_SECOND);
		long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
		int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
		appendDate(out, days);
		out.append('T');
		digits(out, secondOfDay / 3600, 2);
		out.append(':');
		digits(out, secondOfDay / 60 % 60, 2);
		out.append(':');
		digits(out, secondOfDay % 60, 2);
		out.append('.');
		if (fraction % 1_000_000 == 0) {
			digits(out, fraction / 1_000_000, 3);
		}
		else if (fraction % 1_000 == 0) {
			digits(out, fraction / 1_000, 6);
		}
		else {
			digits(out, fraction, 9);
		}
		out.append('Z');
	}

	/** {@code epochMillis} with milliseconds. */
	public static String ofMillis(long epochMillis) {
		StringBuilder out = new StringBuilder(24);
		append(out, epochMillis * 1_000_000L);
		return out.toString();
	}

	/**
	 * {@code yyyy-MM-dd} of a day since the epoch: H. Hinnant's civil_from_days, on years that start in March
	 * so that the leap day ends them. A long of nanoseconds spans the years 1677 to 2262: always four digits.
	 */
	private static void appendDate(StringBuilder out, long epochDay) {
		long shifted = epochDay + EPOCH_DAY_OFFSET;
		long era = Math.floorDiv(shifted, DAYS_PER_ERA);
		long dayOfEra = shifted - era * DAYS_PER_ERA;
		long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / (DAYS_PER_ERA - 1)) / 365;
		long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
		long monthFromMarch = (5 * dayOfYear + 2) / 153;
		int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
		int month = (int) ((monthFromMarch < 10) ? monthFromMarch + 3 : monthFromMarch - 9);
		long year = yearOfEra + era * 400 + ((month <= 2) ? 1 : 0);
		digits(out, (int) year, 4);
		out.append('-');
		digits(out, month, 2);
		out.append('-');
		digits(out, day, 2);
	}

	/** {@code value} (not negative) in exactly {@code count} decimal digits, zeros in front. */
	private static void digits(StringBuilder out, int value, int count) {
		int divisor = 1;
		for (int i = 1; i < count; i++) {
			divisor *= 10;
		}
		for (; divisor > 0; divisor /= 10) {
			out.append((char) ('0' + value / divisor % 10));
		}
	}

}
