package io.envstream.collector.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.envstream.schemas.avro.Stream;

/**
 * Parses one line of the engine's {@code json-file} log, {@code {"log":"…\n","stream":"stdout",
 * "time":"2024-05-01T12:00:00.1234567Z"}} (plus {@code attrs} when the {@code labels}/{@code env}
 * log options are set), into the {@link LogRecord} the engine's API returns for it: the content
 * without its newline (and, for a TTY, without the {@code \r} before it), and a piece of a longer
 * line by the same rule as {@link Records}, so that both sources give the same records.
 */
final class JsonFileRecords {

	private static final JsonFactory JSON = new JsonFactory();

	private JsonFileRecords() {
	}

	/**
	 * @param bytes the buffer holding the line
	 * @param from index of its first byte
	 * @param to index of its newline (excluded)
	 * @param tty whether the container has a TTY (its lines end with {@code \r\n})
	 * @param file where the line ends in its file, or {@code null}
	 * @throws IOException naming what is wrong when the line is not a json-file record
	 */
	static LogRecord parse(byte[] bytes, int from, int to, boolean tty, FilePosition file) throws IOException {
		LogRecord record = EngineJsonRecords.parse(bytes, from, to, tty, file);
		return (record != null) ? record : parseAnyJson(bytes, from, to, tty, file);
	}

	/** Any other JSON object with the three fields, by a JSON parser. */
	private static LogRecord parseAnyJson(byte[] bytes, int from, int to, boolean tty, FilePosition file)
			throws IOException {
		String log = null;
		String stream = null;
		String time = null;
		try (JsonParser parser = JSON.createParser(bytes, from, to - from)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IOException("json-file record is not a JSON object");
			}
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				String field = parser.currentName();
				parser.nextToken();
				switch (field) {
					case "log" -> log = parser.getValueAsString();
					case "stream" -> stream = parser.getValueAsString();
					case "time" -> time = parser.getValueAsString();
					default -> parser.skipChildren();
				}
			}
		}
		catch (com.fasterxml.jackson.core.JacksonException ex) {
			throw new IOException("malformed json-file record: " + ex.getOriginalMessage(), ex);
		}
		if (log == null || stream == null || time == null) {
			throw new IOException("json-file record without its log, stream or time");
		}
		byte[] utf8 = log.getBytes(StandardCharsets.UTF_8);
		boolean newline = utf8.length > 0 && utf8[utf8.length - 1] == '\n';
		return new LogRecord(streamOf(stream), timestampOf(time), content(utf8, newline, tty),
				Records.isPiece(newline, utf8.length), file);
	}

	private static Stream streamOf(String stream) throws IOException {
		return switch (stream) {
			case "stdout" -> Stream.STDOUT;
			case "stderr" -> Stream.STDERR;
			default -> throw new IOException("json-file record of unknown stream " + stream);
		};
	}

	private static long timestampOf(String time) throws IOException {
		byte[] ascii = time.getBytes(StandardCharsets.US_ASCII);
		try {
			return DockerTimestamps.parseNanos(ascii, 0, ascii.length);
		}
		catch (IllegalArgumentException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
	}

	private static byte[] content(byte[] utf8, boolean newline, boolean tty) {
		if (!newline) {
			return utf8;
		}
		int end = utf8.length - 1;
		if (tty && end > 0 && utf8[end - 1] == '\r') {
			end--;
		}
		return Arrays.copyOf(utf8, end);
	}

}
