package io.envstream.collector.logs;

import java.io.IOException;

/**
 * Finds where a read {@code since} a second can start in a json-file log file, given where a
 * record of that second ends: shortly before it, after the last record stamped well before the
 * second. Records of stdout and stderr reach the file slightly out of their stamps' order, so a
 * record counts as before the second only when it is {@value #SLACK_NANOS} ns older; what lies
 * between is skipped by its stamp as a read from the file's start would skip it.
 */
final class JsonFileSeek {

	static final long SLACK_NANOS = 1_000_000_000L;

	private static final int FIRST_WINDOW = 256 * 1024;

	/** Past this the saving is small beside the risk of holding much in memory: read from the start. */
	private static final int MAX_WINDOW = 64 * 1024 * 1024;

	private JsonFileSeek() {
	}

	/**
	 * @param file the file holding the record
	 * @param recordEnd the offset after that record's newline
	 * @param sinceNanos the first second asked for, in nanoseconds
	 * @return the offset of a record from which a read returns every record stamped at or after
	 * {@code sinceNanos}, or -1 when none is found before the file's start (older files may then
	 * hold such records) or the file is shorter than the offset (cut since)
	 */
	static long startBefore(LogFileSegment file, long recordEnd, long sinceNanos) throws IOException {
		if (recordEnd > file.size()) {
			return -1;
		}
		long threshold = sinceNanos - SLACK_NANOS;
		for (int window = FIRST_WINDOW; window <= MAX_WINDOW; window *= 2) {
			long from = Math.max(0, recordEnd - window);
			byte[] bytes = file.readAt(from, (int) (recordEnd - from));
			// a window that starts inside a record begins at the next one
			int line = (from == 0) ? 0 : indexOf(bytes, 0) + 1;
			long start = -1;
			if (from == 0 || line > 0) {
				for (int newline = indexOf(bytes, line); newline >= 0; newline = indexOf(bytes, line)) {
					if (stampedBefore(bytes, line, newline, threshold)) {
						start = from + newline + 1;
					}
					line = newline + 1;
				}
			}
			if (start >= 0) {
				return start;
			}
			if (from == 0) {
				return -1;
			}
		}
		return -1;
	}

	private static boolean stampedBefore(byte[] bytes, int from, int to, long threshold) {
		try {
			return JsonFileRecords.parse(bytes, from, to, false, null).timestampNanos() < threshold;
		}
		catch (IOException ex) {
			return false; // not a record: the read skips it too
		}
	}

	private static int indexOf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

}
