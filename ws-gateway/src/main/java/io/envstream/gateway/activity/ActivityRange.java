package io.envstream.gateway.activity;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.convert.DurationStyle;

/**
 * The buckets an activity request asks for: {@code [from, to)} cut into steps of {@code step} from {@code from};
 * the last bucket ends at {@code to}. The rollup counts whole minutes, so {@code from} is taken down and
 * {@code to} up to a whole minute, and a step is a whole number of minutes.
 *
 * @param from start of the first bucket, a whole minute
 * @param to end of the last bucket, a whole minute after {@code from}
 * @param step length of a bucket, whole minutes from {@link #MIN_STEP} to {@link #MAX_STEP}
 */
record ActivityRange(Instant from, Instant to, Duration step) {

	static final Duration MIN_STEP = Duration.ofMinutes(1);

	static final Duration MAX_STEP = Duration.ofDays(1);

	static final int MAX_BUCKETS = 1440;

	/** Without {@code to}: now; without {@code from}: an hour before {@code to}. */
	static final Duration DEFAULT_SPAN = Duration.ofHours(1);

	static final Duration DEFAULT_STEP = Duration.ofMinutes(1);

	/**
	 * Reads the query parameters, each {@code null} when absent.
	 * @throws IllegalArgumentException saying which parameter is wrong and what is allowed
	 */
	static ActivityRange parse(String from, String to, String step, Instant now) {
		Instant end = (to != null) ? time(to, "to") : now;
		Instant start = (from != null) ? time(from, "from") : end.minus(DEFAULT_SPAN);
		if (!start.isBefore(end)) {
			throw new IllegalArgumentException("from must be before to");
		}
		Duration length = (step != null) ? duration(step) : DEFAULT_STEP;
		if (length.compareTo(MIN_STEP) < 0 || length.compareTo(MAX_STEP) > 0
				|| !length.equals(length.truncatedTo(ChronoUnit.MINUTES))) {
			throw new IllegalArgumentException(
					"step must be a whole number of minutes from 1m to 1d, e.g. 1m, 15m, 1h (was " + step + ")");
		}
		ActivityRange range = new ActivityRange(start.truncatedTo(ChronoUnit.MINUTES), ceilingMinute(end), length);
		if (range.buckets() > MAX_BUCKETS) {
			throw new IllegalArgumentException("from..to holds " + range.buckets() + " steps of " + length
					+ ", at most " + MAX_BUCKETS + ": take a longer step or a shorter range");
		}
		return range;
	}

	/** How many buckets the range holds, the last one maybe shorter than a step. */
	long buckets() {
		long span = Duration.between(this.from, this.to).toMinutes();
		long minutes = this.step.toMinutes();
		return (span + minutes - 1) / minutes;
	}

	/** Start of bucket {@code index}. */
	Instant start(long index) {
		return this.from.plus(this.step.multipliedBy(index));
	}

	private static Instant ceilingMinute(Instant time) {
		Instant down = time.truncatedTo(ChronoUnit.MINUTES);
		return down.equals(time) ? down : down.plus(MIN_STEP);
	}

	private static Instant time(String value, String name) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(name + " must be an RFC 3339 time, e.g. 2025-10-01T12:00:00Z");
		}
	}

	private static Duration duration(String value) {
		try {
			return DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"step must be a duration such as 1m, 15m, 1h or PT15M (was " + value + ")");
		}
	}

}
