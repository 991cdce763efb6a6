package io.envstream.e2e.bench.endtoend;

/**
 * Finds the lines of the load generator ({@code demo stamped}: {@code "PREFIX seq=N ts=MILLIS
 * <padding>"}) in any text: a WebSocket frame of the logs endpoint (one or many lines, as JSON)
 * or one line of {@code docker logs}. Scans for {@code " seq="} instead of parsing JSON so that a
 * client of a thousand connections spends its CPU on counting, not on decoding.
 */
final class StampedLines {

	private static final String SEQ = " seq=";

	private static final String TS = " ts=";

	private StampedLines() {
	}

	/** Receives each line found. */
	interface Sink {

		void line(String prefix, long seq, long sentMillis);

	}

	/**
	 * Reports every stamped line in {@code text} to the sink; returns how many. The prefix is the
	 * word before {@code seq=} (a JSON string or a line starts before it, or a space).
	 *
	 * @throws IllegalArgumentException for a {@code seq=} without the digits and {@code ts=} that must follow
	 */
	static int scan(String text, Sink sink) {
		int found = 0;
		for (int at = text.indexOf(SEQ); at >= 0; at = text.indexOf(SEQ, at + SEQ.length())) {
			int start = Math.max(text.lastIndexOf('"', at - 1), text.lastIndexOf(' ', at - 1)) + 1;
			int seqEnd = digitsEnd(text, at + SEQ.length());
			if (seqEnd == at + SEQ.length() || !text.startsWith(TS, seqEnd)) {
				throw new IllegalArgumentException("not a stamped line at " + at + ": "
						+ text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 40)));
			}
			int tsEnd = digitsEnd(text, seqEnd + TS.length());
			if (tsEnd == seqEnd + TS.length()) {
				throw new IllegalArgumentException("stamped line without a send time at " + at);
			}
			sink.line(text.substring(start, at), Long.parseLong(text, at + SEQ.length(), seqEnd, 10),
					Long.parseLong(text, seqEnd + TS.length(), tsEnd, 10));
			found++;
		}
		return found;
	}

	private static int digitsEnd(String text, int from) {
		int end = from;
		while (end < text.length() && end - from < 19 && Character.isDigit(text.charAt(end))) {
			end++;
		}
		return end;
	}

}
