package io.envstream.collector.logs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads the timestamp the engine puts in front of each record with {@code timestamps=1}
 * ({@code 2024-05-01T12:00:00.123456789Z}, RFC 3339 with fixed nanoseconds) and in each record of a
 * {@code json-file} log (the same in UTC, its fraction's trailing zeros trimmed, none left for a whole second).
 * These forms are parsed by hand because they are on the path of every line; anything else (another offset) goes
 * through {@link Instant#parse}.
 */
final class DockerTimestamps {

	private static final int SHORTEST = 20; // 2006-01-02T15:04:05Z

	private static final int LONGEST = 30; // 2006-01-02T15:04:05.000000000Z

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
			100_000_000 };

	private DockerTimestamps() {
	}

	/**
	 * @param bytes the buffer
	 * @param from index of the first character
	 * @param to index after the last character
	 * @return nanoseconds since the epoch
	 * @throws IllegalArgumentException if it is not a timestamp
	 */
	static long parseNanos(byte[] bytes, int from, int to) {
		int length = to - from;
		boolean fractionOrNone = length == SHORTEST || (length > SHORTEST + 1 && bytes[from + 19] == '.');
		if (fractionOrNone && length <= LONGEST && bytes[from + 4] == '-' && bytes[from + 7] == '-'
				&& bytes[from + 10] == 'T' && bytes[from + 13] == ':' && bytes[from + 16] == ':' && bytes[to - 1] == 'Z') {
			try {
				int year = digits(bytes, from, 4);
				int month = digits(bytes, from + 5, 2);
				int day = digits(bytes, from + 8, 2);
				int hour = digits(bytes, from + 11, 2);
				int minute = digits(bytes, from + 14, 2);
				int second = digits(bytes, from + 17, 2);
				int fraction = (length == SHORTEST) ? 0 : length - SHORTEST - 1;
				int nanos = (fraction == 0) ? 0 : digits(bytes, from + 20, fraction) * POWERS_OF_TEN[9 - fraction];
				if (hour < 24 && minute < 60 && second < 60) {
					long epochDay = LocalDate.of(year, month, day).toEpochDay();
					long seconds = epochDay * 86_400L + hour * 3_600L + minute * 60L + second;
					return seconds * 1_000_000_000L + nanos;
				}
			}
			catch (RuntimeException ex) {
				// fall through to the general parser, which names the problem
			}
		}
		String text = new String(bytes, from, to - from, java.nio.charset.StandardCharsets.US_ASCII);
		try {
			Instant instant = Instant.parse(text);
			return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("not a Docker log timestamp: " + text, ex);
		}
	}

	private static int digits(byte[] bytes, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			int digit = bytes[i] - '0';
			if (digit < 0 || digit > 9) {
				throw new IllegalArgumentException("not a digit");
			}
			value = value * 10 + digit;
		}
		return value;
	}

}
