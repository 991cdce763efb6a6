package io.envstream.gateway.json;

import java.time.Instant;

/**
 * Timestamps as every endpoint writes them (PROTOCOL.md): RFC 3339 UTC with milliseconds, or
 * finer where the value has it.
 */
public final class Timestamps {

	private Timestamps() {
	}

	/** Appends {@code nanos} (since the epoch) with milliseconds, microseconds or nanoseconds, as the value needs. */
	public static void append(StringBuilder out, long nanos) {
		Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
		String text = instant.toString();
		int fraction = instant.getNano();
		String seconds = text.substring(0, 19);
		out.append(seconds).append('.');
		if (fraction % 1_000_000 == 0) {
			pad(out, fraction / 1_000_000, 3);
		}
		else if (fraction % 1_000 == 0) {
			pad(out, fraction / 1_000, 6);
		}
		else {
			pad(out, fraction, 9);
		}
		out.append('Z');
	}

	/** {@code epochMillis} with milliseconds. */
	public static String ofMillis(long epochMillis) {
		StringBuilder out = new StringBuilder(24);
		append(out, epochMillis * 1_000_000L);
		return out.toString();
	}

	private static void pad(StringBuilder out, int value, int digits) {
		String text = Integer.toString(value);
		for (int i = text.length(); i < digits; i++) {
			out.append('0');
		}
		out.append(text);
	}

}
