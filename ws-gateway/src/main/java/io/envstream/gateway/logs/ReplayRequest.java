package io.envstream.gateway.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The replay part of a logs connection's query: {@code speed} and {@code until}, which need a
 * starting point ({@code since} or {@code resume}).
 * @param speed the pace ({@code max} when only {@code until} was given)
 * @param until end the replay before the first line at or after this time, or {@code null} to join live
 */
record ReplayRequest(ReplaySpeed speed, Instant until) {

	/**
	 * @return the replay asked for, or {@code null} when neither {@code speed} nor {@code until} is given
	 * @throws IllegalArgumentException naming the bad parameter
	 */
	static ReplayRequest parse(String speedText, String untilText, boolean hasStart, Instant since) {
		if (speedText == null && untilText == null) {
			return null;
		}
		ReplaySpeed speed = (speedText == null) ? ReplaySpeed.AS_FAST_AS_POSSIBLE : ReplaySpeed.parse(speedText);
		Instant until = null;
		if (untilText != null) {
			try {
				until = Instant.parse(untilText);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("until must be an RFC 3339 time");
			}
		}
		if (!hasStart) {
			throw new IllegalArgumentException((speedText != null) ? "speed needs since or resume"
					: "until needs since or resume");
		}
		if (until != null && since != null && !until.isAfter(since)) {
			throw new IllegalArgumentException("until must be after since");
		}
		return new ReplayRequest(speed, until);
	}

}
