package io.envstream.cli.logs;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.envstream.cli.CliException;
import io.envstream.cli.Exit;

/**
 * A point in time as {@code --since} and {@code --until} take it: a duration back from now as docker and kubectl
 * write it ({@code 90s}, {@code 15m}, {@code 1h30m}, {@code 2d}) or an RFC 3339 time ({@code 2026-12-04T10:00:00Z}).
 */
final class Since {

	private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

	private Since() {
	}

	/** @throws CliException (usage) naming the option and the forms it takes */
	static Instant parse(String option, String text, Instant now) {
		String value = text.strip();
		Matcher duration = DURATION.matcher(value);
		if (!value.isEmpty() && duration.matches()) {
			return now.minus(Duration.ofDays(number(duration.group(1)))
				.plusHours(number(duration.group(2)))
				.plusMinutes(number(duration.group(3)))
				.plusSeconds(number(duration.group(4))));
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new CliException(Exit.USAGE, option + " " + text
					+ " is neither a duration (90s, 15m, 1h30m, 2d) nor an RFC 3339 time (2026-12-04T10:00:00Z)");
		}
	}

	private static long number(String group) {
		return (group == null) ? 0 : Long.parseLong(group);
	}

}
