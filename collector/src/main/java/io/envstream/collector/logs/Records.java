package io.envstream.collector.logs;

import java.io.IOException;
import java.util.Arrays;

import io.envstream.schemas.avro.Stream;

/** Splits what the engine sends per record, {@code <timestamp> <content>[\n]}, into a {@link LogRecord}. */
final class Records {

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
		boolean partial = to == space + 1 || payload[to - 1] != '\n';
		int end = partial ? to : to - 1;
		return new LogRecord(stream, timestamp, Arrays.copyOfRange(payload, space + 1, end), partial);
	}

}
