package io.envstream.gateway.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameEncoderTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static final JsonSchema schema = JsonSchemaFactory.getInstance(VersionFlag.V202012)
		.getSchema(SchemaLocation.of("classpath:protocol/json-schema/logs-server-message.schema.json"),
				SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

	private static LogLine line(long offset, int index, String message) {
		return new LogLine(new Cursor(2, offset, index), 1_759_320_000_123_000_000L + offset, "stdout", "c1", "h1",
				offset * 10 + index, message);
	}

	private static JsonNode valid(String text) throws Exception {
		JsonNode node = json.readTree(text);
		Set<ValidationMessage> violations = schema.validate(node);
		assertThat(violations).as(text).isEmpty();
		return node;
	}

	@Test
	void splitsLinesIntoBatchesOfAtMostMaxLinesOldestFirst() throws Exception {
		List<LogLine> lines = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			lines.add(line(i, 0, "line " + i));
		}
		List<Frame> frames = FrameEncoder.batches(lines, 100, 1 << 20);
		assertThat(frames).extracting(Frame::lines).containsExactly(100, 100, 50);
		assertThat(frames).extracting(Frame::last)
			.containsExactly(new Cursor(2, 99, 0), new Cursor(2, 199, 0), new Cursor(2, 249, 0));
		JsonNode first = valid(frames.get(0).json());
		assertThat(first.path("count").asInt()).isEqualTo(100);
		assertThat(first.path("logs").get(0).path("message").asText()).isEqualTo("line 0");
		assertThat(CursorCodec.decode(first.path("logs").get(99).path("meta").path("cursor").asText()))
			.isEqualTo(new Cursor(2, 99, 0));
	}

	@Test
	void keepsEachFrameUnderTheMessageSizeLimit() {
		List<LogLine> lines = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			lines.add(line(i, 0, "y".repeat(3000)));
		}
		List<Frame> frames = FrameEncoder.batches(lines, 100, 8000);
		assertThat(frames).allSatisfy((frame) -> assertThat(frame.json().length()).isLessThanOrEqualTo(8000));
		assertThat(frames.stream().mapToInt(Frame::lines).sum()).isEqualTo(10);
	}

	@Test
	void escapesMessagesIntoValidJson() throws Exception {
		String nasty = "quote \" backslash \\ tab \t newline \n bell \u0007 emoji \uD83D\uDE00 sep \u2028";
		JsonNode batch = valid(FrameEncoder.batches(List.of(line(1, 0, nasty)), 100, 1 << 20).get(0).json());
		assertThat(batch.path("logs").get(0).path("message").asText()).isEqualTo(nasty);
	}

	@Test
	void escapesWhatJsonNeedsAnywhereInTheText() throws Exception {
		String[] pieces = { "plain", " ", "\"", "\\", "\n", "\r", "\t", "\u0000", "\u001f", "\u2028", "\u2029", "\u00e9",
			"\uD83D\uDE00", "/", "<" };
		Random random = new Random(7);
		for (int i = 0; i < 1_000; i++) {
			StringBuilder text = new StringBuilder();
			for (int piece = random.nextInt(8); piece > 0; piece--) {
				text.append(pieces[random.nextInt(pieces.length)]);
			}
			StringBuilder out = new StringBuilder();
			FrameEncoder.string(out, text.toString());

			assertThat(json.readTree(out.toString()).asText()).as(out.toString()).isEqualTo(text.toString());
			assertThat(out.toString()).doesNotContain("\u2028").doesNotContain("\u2029");
			assertThat(out.chars()).as(out.toString()).allMatch((c) -> c >= 0x20);
		}
	}

	@Test
	void writesControlMessagesTheSchemaAccepts() throws Exception {
		valid(FrameEncoder.live());
		valid(FrameEncoder.lag(1234));
		valid(FrameEncoder.gap(new Cursor(1, 2, 3), new Cursor(1, 9, 0), "retention"));
		valid(FrameEncoder.error("invalid_regex", "invalid regex: \"Unclosed group\""));
	}

}
