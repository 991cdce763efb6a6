package io.envstream.collector.logs;

import java.io.IOException;
import java.util.Arrays;

import io.envstream.schemas.avro.Stream;

/**
 * Splits what the engine sends per record, {@code <timestamp> <content>[\n]}, into a {@link LogRecord}.
 * <p>
 * A record is a piece of a longer line when it has no newline and at least {@value #PIECE} bytes:
 * the engine's log copier cuts lines at its 16 KiB buffer, and the {@code json-file} driver stores
 * each byte of a piece that is not UTF-8 as U+FFFD, three bytes, so a piece whose last character the
 * cut split reads back longer (16,386 bytes for a 3-byte character: its first byte becomes U+FFFD,
 * and so do the other two at the start of the next piece), from the files and through the API alike.
 * The newline alone does not tell: the {@code local} driver returns the last piece of a long line
 * without one, and a process that exits mid-line leaves a shorter piece without one; both end their
 * line.
 */
final class Records {

	/** The engine's log copier buffer: a longer line is stored in pieces of this size. */
	static final int PIECE = 16 * 1024;

	private static final int MAX_TIMESTAMP = 64;

	private Records() {
	}

	static LogRecord parse(Stream stream, byte[] payload, int from, int to) throws IOException {
		int space = -1;
		for (int i = from; i < Math.min(to, from + MAX_TIMESTAMP); i++) {
			if (payload[i] == ' ') {
				space = i;
				break;
			}
		}
		if (space < 0) {
			throw new IOException("log record without a timestamp (were timestamps asked for?)");
		}
		long timestamp;
		try {
			timestamp = DockerTimestamps.parseNanos(payload, from, space);
		}
		catch (IllegalArgumentException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
		boolean newline = to > space + 1 && payload[to - 1] == '\n';
		int end = newline ? to - 1 : to;
		return new LogRecord(stream, timestamp, Arrays.copyOfRange(payload, space + 1, end),
				isPiece(newline, end - (space + 1)));
	}

	/** Whether a record of {@code length} bytes, ending with a newline or not, is a piece of a longer line. */
	static boolean isPiece(boolean newline, int length) {
		return !newline && length >= PIECE;
	}

}
