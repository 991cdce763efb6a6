package io.envstream.collector.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.Test;

import static io.envstream.collector.logs.LogBytes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonFileRecordsTests {

	@Test
	void readsContentStreamAndTimestampAsTheEngineWroteThem() throws IOException {
		// the engine trims the timestamp's trailing zeros (RFC3339Nano)
		LogRecord out = parse("{\"log\":\"out line\\n\",\"stream\":\"stdout\",\"time\":\"2024-05-01T12:00:00.5Z\"}", false);
		LogRecord err = parse("{\"log\":\"err line\\n\",\"stream\":\"stderr\",\"time\":\"2024-05-01T12:00:00.000000001Z\"}",
				false);

		assertThat(out.stream()).isEqualTo(Stream.STDOUT);
		assertThat(text(out)).isEqualTo("out line");
		assertThat(out.timestampNanos()).isEqualTo(1_714_564_800_500_000_000L);
		assertThat(out.partial()).isFalse();
		assertThat(err.stream()).isEqualTo(Stream.STDERR);
		assertThat(err.timestampNanos()).isEqualTo(1_714_564_800_000_000_001L);
	}

	@Test
	void decodesTheEscapesTheEngineWritesIntoUtf8() throws IOException {
		LogRecord record = parse("{\"log\":\"\\u003cb\\u003e \\\"q\\\" \\\\ \\t h\u00e9 \\ud83d\\ude00 \\u2028\\n\","
				+ "\"stream\":\"stdout\",\"time\":\"2024-05-01T12:00:00Z\"}", false);

		assertThat(text(record)).isEqualTo("<b> \"q\" \\ \t h\u00e9 \ud83d\ude00 \u2028");
	}

	@Test
	void marksA16KiBRecordWithoutNewlineAsAPieceAndAShorterOneAsAWholeLine() throws IOException {
		LogRecord piece = parse(record("p".repeat(Records.PIECE)), false);
		LogRecord unfinished = parse(record("exited mid-line"), false);

		assertThat(piece.partial()).isTrue();
		assertThat(piece.content()).hasSize(Records.PIECE);
		assertThat(unfinished.partial()).isFalse();
		assertThat(text(unfinished)).isEqualTo("exited mid-line");
	}

	@Test
	void aPieceWhoseLastCharacterTheCutSplitIsStillAPieceThoughLongerOnceStored() throws IOException {
		// 5,461 three-byte characters and the first byte of the next: json-file stores that byte as U+FFFD
		String stored = "\u20ac".repeat(Records.PIECE / 3) + "\ufffd";

		LogRecord piece = parse(record(stored), false);

		assertThat(piece.content()).hasSize(Records.PIECE + 2);
		assertThat(piece.partial()).isTrue();
	}

	@Test
	void dropsTheCarriageReturnOfATtyLineOnly() throws IOException {
		String json = record("prompt\\r\\n");

		assertThat(text(parse(json, true))).isEqualTo("prompt");
		assertThat(text(parse(json, false))).isEqualTo("prompt\r");
	}

	@Test
	void skipsTheAttributesOfTheLabelsAndEnvLogOptions() throws IOException {
		LogRecord record = parse("{\"log\":\"x\\n\",\"stream\":\"stdout\",\"attrs\":{\"env\":\"a\",\"nested\":{\"k\":[1]}},"
				+ "\"time\":\"2024-05-01T12:00:00Z\"}", false);

		assertThat(text(record)).isEqualTo("x");
	}

	@Test
	void namesWhatIsWrongWithALineThatIsNotARecord() {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> parse("{\"log\":\"x\\n\",\"stream\":", false))
			.withMessageContaining("malformed json-file record");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> parse("{\"log\":\"x\\n\",\"time\":\"2024-05-01T12:00:00Z\"}", false))
			.withMessage("json-file record without its log, stream or time");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> parse("{\"log\":\"x\",\"stream\":\"stdin\",\"time\":\"2024-05-01T12:00:00Z\"}", false))
			.withMessage("json-file record of unknown stream stdin");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> parse("{\"log\":\"x\",\"stream\":\"stdout\",\"time\":\"yesterday\"}", false))
			.withMessageContaining("not a Docker log timestamp: yesterday");
	}

	private static String record(String escapedLog) {
		return "{\"log\":\"" + escapedLog + "\",\"stream\":\"stdout\",\"time\":\"2024-05-01T12:00:00Z\"}";
	}

	private static LogRecord parse(String line, boolean tty) throws IOException {
		byte[] bytes = (" " + line + "\n").getBytes(StandardCharsets.UTF_8);
		return JsonFileRecords.parse(bytes, 1, bytes.length - 1, tty, null);
	}

}
