package io.envstream.collector.logs;

import java.util.Arrays;

import io.envstream.schemas.avro.Stream;

/**
 * Reads a {@code json-file} record in the one form the engine writes, {@code {"log":"…","stream":"stdout",
 * "time":"…"}}, byte by byte: the log's escapes are decoded straight into its UTF-8 bytes, with no parser, string or
 * re-encoding per line (Jackson's parser, set up for every line, the text's round trip through a {@code String} and
 * {@link java.time.Instant#parse} for the engine's trimmed timestamps were a third of the collector's samples while it
 * drained files). Anything else (the {@code attrs} of the labels and
 * env log options, another order, a malformed line, a lone surrogate escape) is not read here, and
 * {@link JsonFileRecords} reads it with a JSON parser, which names what is wrong.
 */
final class EngineJsonRecords {

	private static final byte[] LOG = bytes("{\"log\":\"");

	private static final byte[] STREAM = bytes(",\"stream\":\"");

	private static final byte[] STDOUT = bytes("stdout\"");

	private static final byte[] STDERR = bytes("stderr\"");

	private static final byte[] TIME = bytes(",\"time\":\"");

	private final byte[] bytes;

	private final int to;

	/** The next byte to read. */
	private int at;

	private EngineJsonRecords(byte[] bytes, int from, int to) {
		this.bytes = bytes;
		this.at = from;
		this.to = to;
	}

	/**
	 * @return the record, or {@code null} when the line is not in the engine's own form
	 * @see JsonFileRecords#parse
	 */
	static LogRecord parse(byte[] bytes, int from, int to, boolean tty, FilePosition file) {
		return new EngineJsonRecords(bytes, from, to).read(tty, file);
	}

	private LogRecord read(boolean tty, FilePosition file) {
		if (!skip(LOG)) {
			return null;
		}
		// escapes only shrink: the log's bytes fit in what is left of the line
		byte[] log = new byte[this.to - this.at];
		int length = string(log);
		if (length < 0 || !skip(STREAM)) {
			return null;
		}
		Stream stream = skip(STDOUT) ? Stream.STDOUT : skip(STDERR) ? Stream.STDERR : null;
		if (stream == null || !skip(TIME)) {
			return null;
		}
		int timeEnd = this.to - 2;
		if (timeEnd < this.at || this.bytes[timeEnd] != '"' || this.bytes[this.to - 1] != '}') {
			return null;
		}
		long timestamp;
		try {
			timestamp = DockerTimestamps.parseNanos(this.bytes, this.at, timeEnd);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		boolean newline = length > 0 && log[length - 1] == '\n';
		int contentEnd = length;
		if (newline) {
			contentEnd--;
			if (tty && contentEnd > 0 && log[contentEnd - 1] == '\r') {
				contentEnd--;
			}
		}
		return new LogRecord(stream, timestamp, Arrays.copyOf(log, contentEnd), Records.isPiece(newline, length),
				file);
	}

	/**
	 * Decodes the JSON string at the cursor (after its opening quote) into {@code out}, and moves past its closing
	 * quote.
	 * @return how many bytes it decoded to, or -1 when the string holds what this reader leaves to a JSON parser (a raw
	 * control character, an unknown escape, a lone surrogate, no closing quote)
	 */
	private int string(byte[] out) {
		byte[] bytes = this.bytes;
		int length = 0;
		int i = this.at;
		while (i < this.to) {
			byte b = bytes[i];
			if (b == '"') {
				this.at = i + 1;
				return length;
			}
			if ((b >= 0 && b < 0x20) || (b == '\\' && i + 1 >= this.to)) {
				return -1;
			}
			if (b != '\\') {
				out[length++] = b;
				i++;
				continue;
			}
			byte escaped = bytes[i + 1];
			i += 2;
			switch (escaped) {
				case '"', '\\', '/' -> out[length++] = escaped;
				case 'n' -> out[length++] = '\n';
				case 't' -> out[length++] = '\t';
				case 'r' -> out[length++] = '\r';
				case 'b' -> out[length++] = '\b';
				case 'f' -> out[length++] = '\f';
				case 'u' -> {
					int codePoint = codePoint(i);
					if (codePoint < 0) {
						return -1;
					}
					i += Character.isSupplementaryCodePoint(codePoint) ? 10 : 4;
					length = utf8(codePoint, out, length);
				}
				default -> {
					return -1;
				}
			}
		}
		return -1;
	}

	/**
	 * The code point of the escape whose four hex digits start at {@code from} (a high surrogate takes the next escape
	 * as its pair), or -1.
	 */
	private int codePoint(int from) {
		int unit = hex4(this.bytes, from, this.to);
		if (unit < 0 || Character.isLowSurrogate((char) unit)) {
			return -1;
		}
		if (!Character.isHighSurrogate((char) unit)) {
			return unit;
		}
		int next = from + 4;
		boolean escape = next + 1 < this.to && this.bytes[next] == '\\' && this.bytes[next + 1] == 'u';
		int low = escape ? hex4(this.bytes, next + 2, this.to) : -1;
		return (low >= 0 && Character.isLowSurrogate((char) low)) ? Character.toCodePoint((char) unit, (char) low) : -1;
	}

	/** Whether {@code expected} is next; if so, moves past it. */
	private boolean skip(byte[] expected) {
		int end = this.at + expected.length;
		if (end > this.to || !Arrays.equals(this.bytes, this.at, end, expected, 0, expected.length)) {
			return false;
		}
		this.at = end;
		return true;
	}

	private static int hex4(byte[] bytes, int from, int to) {
		if (from + 4 > to) {
			return -1;
		}
		int value = 0;
		for (int i = from; i < from + 4; i++) {
			int digit = Character.digit(bytes[i], 16);
			if (digit < 0) {
				return -1;
			}
			value = (value << 4) | digit;
		}
		return value;
	}

	private static int utf8(int codePoint, byte[] out, int at) {
		if (codePoint < 0x80) {
			out[at] = (byte) codePoint;
			return at + 1;
		}
		if (codePoint < 0x800) {
			out[at] = (byte) (0xC0 | (codePoint >> 6));
			out[at + 1] = (byte) (0x80 | (codePoint & 0x3F));
			return at + 2;
		}
		if (codePoint < 0x10000) {
			out[at] = (byte) (0xE0 | (codePoint >> 12));
			out[at + 1] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
			out[at + 2] = (byte) (0x80 | (codePoint & 0x3F));
			return at + 3;
		}
		out[at] = (byte) (0xF0 | (codePoint >> 18));
		out[at + 1] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
		out[at + 2] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
		out[at + 3] = (byte) (0x80 | (codePoint & 0x3F));
		return at + 4;
	}

	private static byte[] bytes(String ascii) {
		return ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

}
