package io.envstream.gateway.activity;

import java.time.Instant;
import java.util.List;

/**
 * An environment's activity over a range, one bucket per step, oldest first, empty steps included.
 * @param step the bucket length as ISO 8601 ({@code PT15M})
 */
record Activity(String environmentId, Instant from, Instant to, String step, List<Bucket> buckets) {

	/**
	 * What happened in one step.
	 * @param start the step's start; it ends at the next bucket's start, or at {@code to}
	 * @param errors lines that look like an error (whichever stream)
	 * @param warnings lines that look like a warning
	 * @param restarts times the environment ran again after going down
	 */
	record Bucket(Instant start, Lines lines, long errors, long warnings, long restarts) {

		static Bucket empty(Instant start) {
			return new Bucket(start, new Lines(0, 0), 0, 0, 0);
		}

	}

	record Lines(long stdout, long stderr) {
	}

}
