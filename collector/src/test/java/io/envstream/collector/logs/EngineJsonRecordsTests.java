package io.envstream.collector.logs;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import org.junit.jupiter.api.Test;

import static io.envstream.collector.logs.LogBytes.text;
import static org.assertj.core.api.Assertions.assertThat;

class EngineJsonRecordsTests {

	private static final String TIME = "2024-05-01T12:00:00.123Z";

	@Test
	void readsTheEnginesOwnFormByteByByte() {
		LogRecord record = parse("{\"log\":\"\\u003cb\\u003e \\\"q\\\" \\\\ \\/ \\t\\b\\f h\u00e9 \\u00e9 \\ud83d\\ude00 "
				+ "\\u2028\\n\",\"stream\":\"stderr\",\"time\":\"" + TIME + "\"}", false);

		assertThat(record).isNotNull();
		assertThat(text(record)).isEqualTo("<b> \"q\" \\ / \t\b\f h\u00e9 \u00e9 \ud83d\ude00 \u2028");
		assertThat(record.stream()).isEqualTo(io.envstream.schemas.avro.Stream.STDERR);
		assertThat(record.timestampNanos()).isEqualTo(1_714_564_800_123_000_000L);
		assertThat(record.partial()).isFalse();
	}

	@Test
	void leavesEveryOtherFormToTheJsonParser() {
		String[] others = {
			// the labels and env log options' attributes
			"{\"log\":\"x\\n\",\"stream\":\"stdout\",\"attrs\":{\"k\":\"v\"},\"time\":\"" + TIME + "\"}",
			// another order, spaces
			"{\"stream\":\"stdout\",\"log\":\"x\\n\",\"time\":\"" + TIME + "\"}",
			"{ \"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"" + TIME + "\"}",
			// a lone surrogate, an unknown escape, a raw control character, a string without its end
			"{\"log\":\"\\ud83d x\\n\",\"stream\":\"stdout\",\"time\":\"" + TIME + "\"}",
			"{\"log\":\"\\ude00\\n\",\"stream\":\"stdout\",\"time\":\"" + TIME + "\"}",
			"{\"log\":\"\\x\\n\",\"stream\":\"stdout\",\"time\":\"" + TIME + "\"}",
			"{\"log\":\"a\tb\\n\",\"stream\":\"stdout\",\"time\":\"" + TIME + "\"}",
			"{\"log\":\"x\\",
			// another stream, a time that is not the engine's, a cut record
			"{\"log\":\"x\\n\",\"stream\":\"stdin\",\"time\":\"" + TIME + "\"}",
			"{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"yesterday\"}",
			"{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"" + TIME,
		};

		for (String other : others) {
			assertThat(parse(other, false)).as(other).isNull();
		}
	}

	@Test
	void readsWhatTheJsonParserReadsFromTheSameRecord() throws IOException {
		Random random = new Random(42);
		for (int i = 0; i < 2_000; i++) {
			String log = randomLog(random);
			boolean tty = random.nextBoolean();
			String stream = random.nextBoolean() ? "stdout" : "stderr";
			String escaped = escaped(log, random.nextBoolean());
			String engine = "{\"log\":" + escaped + ",\"stream\":\"" + stream + "\",\"time\":\"" + TIME + "\"}";
			// the same fields in another order: only the JSON parser reads that
			String reordered = "{\"time\":\"" + TIME + "\",\"stream\":\"" + stream + "\",\"log\":" + escaped + "}";

			LogRecord fast = parse(engine, tty);
			LogRecord parsed = JsonFileRecords.parse(bytes(reordered), 1, bytes(reordered).length - 1, tty, null);

			assertThat(fast).as(engine).isNotNull();
			assertThat(fast.content()).as(engine).isEqualTo(parsed.content());
			assertThat(fast.stream()).isEqualTo(parsed.stream());
			assertThat(fast.timestampNanos()).isEqualTo(parsed.timestampNanos());
			assertThat(fast.partial()).as(engine).isEqualTo(parsed.partial());
		}
	}

	/** Text with what a log holds: ASCII, quotes, backslashes, control characters, accents, emoji, a newline or not. */
	private static String randomLog(Random random) {
		String[] pieces = { "a", "Z", " ", "\"", "\\", "/", "\t", "\r", "\b", "\f", "\u0000", "\u001f", "<", ">", "&",
			"\u00e9", "\u20ac", "\u2028", "\ud83d\ude00", "\ufffd", "\r\n", "\n" };
		StringBuilder log = new StringBuilder();
		int length = random.nextInt(40);
		for (int i = 0; i < length; i++) {
			log.append(pieces[random.nextInt(pieces.length)]);
		}
		if (random.nextInt(4) > 0) {
			log.append(random.nextBoolean() ? "\n" : "\r\n");
		}
		return log.toString();
	}

	/** The JSON string Jackson writes for {@code text}, with every non-ASCII character escaped or not. */
	private static String escaped(String text, boolean asciiOnly) throws IOException {
		StringWriter out = new StringWriter();
		JsonFactory json = asciiOnly ? JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build()
				: new JsonFactory();
		try (JsonGenerator generator = json.createGenerator(out)) {
			generator.writeString(text);
		}
		return out.toString();
	}

	private static LogRecord parse(String line, boolean tty) {
		byte[] bytes = bytes(line);
		return EngineJsonRecords.parse(bytes, 1, bytes.length - 1, tty, null);
	}

	/** The line between a byte before it and its newline, as the reader hands it over. */
	private static byte[] bytes(String line) {
		return (" " + line + "\n").getBytes(StandardCharsets.UTF_8);
	}

}
