package io.envstream.collector.logs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds what the engine sends, for the reader tests. */
final class LogBytes {

	static final String T1 = "2024-05-01T12:00:00.000000001Z";

	static final String T2 = "2024-05-01T12:00:00.500000000Z";

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	/** A multiplexed frame: stream 1 (stdout) or 2 (stderr), header and payload. */
	LogBytes frame(int stream, String payload) {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return frame(stream, bytes);
	}

	LogBytes frame(int stream, byte[] bytes) {
		this.out.write(stream);
		this.out.write(0);
		this.out.write(0);
		this.out.write(0);
		this.out.write(bytes.length >>> 24);
		this.out.write(bytes.length >>> 16);
		this.out.write(bytes.length >>> 8);
		this.out.write(bytes.length);
		this.out.writeBytes(bytes);
		return this;
	}

	LogBytes raw(String text) {
		this.out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
		return this;
	}

	LogBytes raw(byte[] bytes) {
		this.out.writeBytes(bytes);
		return this;
	}

	byte[] bytes() {
		return this.out.toByteArray();
	}

	static String text(LogRecord record) {
		return new String(record.content(), StandardCharsets.UTF_8);
	}

}
