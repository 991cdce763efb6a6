package io.envstream.collector.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.serde.Utf8;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineAssemblerTests {

	private static final long T = 1_000_000_000L;

	@Test
	void passesAWholeLineThrough() {
		LineAssembler assembler = new LineAssembler(Stream.STDOUT, 1024);

		LogLine line = assembler.accept(record("hello", false, T), new ReadPosition(T, 1));

		assertThat(line.message()).isEqualTo("hello");
		assertThat(line.truncated()).isFalse();
		assertThat(line.timestampNanos()).isEqualTo(T);
		assertThat(line.position()).isEqualTo(new ReadPosition(T, 1));
	}

	@Test
	void mergesPiecesIntoOneLineWithTheLastPiecesPosition() {
		LineAssembler assembler = new LineAssembler(Stream.STDERR, 1024);

		assertThat(assembler.accept(record("abc", true, T), new ReadPosition(T, 1))).isNull();
		assertThat(assembler.accept(record("def", true, T), new ReadPosition(T, 2))).isNull();
		LogLine line = assembler.accept(record("gh", false, T), new ReadPosition(T, 3));

		assertThat(line.message()).isEqualTo("abcdefgh");
		assertThat(line.stream()).isEqualTo(Stream.STDERR);
		assertThat(line.bytes()).isEqualTo(8);
		assertThat(line.position()).isEqualTo(new ReadPosition(T, 3));
	}

	@Test
	void keepsACharacterSplitBetweenPiecesIntact() {
		byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // 3 bytes
		LineAssembler assembler = new LineAssembler(Stream.STDOUT, 1024);

		assembler.accept(new LogRecord(Stream.STDOUT, T, Arrays.copyOfRange(euro, 0, 1), true), new ReadPosition(T, 1));
		LogLine line = assembler.accept(new LogRecord(Stream.STDOUT, T, Arrays.copyOfRange(euro, 1, 3), false),
				new ReadPosition(T, 2));

		assertThat(line.message()).isEqualTo("€");
	}

	@Test
	void cutsALongLineWithAVisibleMarker() {
		LineAssembler assembler = new LineAssembler(Stream.STDOUT, 10);

		assembler.accept(record("0123456789", true, T), new ReadPosition(T, 1));
		LogLine line = assembler.accept(record("abcdef", false, T), new ReadPosition(T, 2));

		assertThat(line.truncated()).isTrue();
		assertThat(line.message()).isEqualTo("0123456789\u2026 [truncated 6 bytes]");
		assertThat(line.bytes()).isEqualTo(16);
	}

	@Test
	void neverCutsInsideAMultiByteCharacter() {
		// 9 ASCII bytes, then a 4-byte emoji: a cut at 10 bytes would split it
		LineAssembler assembler = new LineAssembler(Stream.STDOUT, 10);

		LogLine line = assembler.accept(record("123456789\uD83D\uDE00tail", false, T), new ReadPosition(T, 1));

		assertThat(line.message()).startsWith("123456789\u2026");
		assertThat(line.message()).doesNotContain("\uFFFD");
		assertThat(line.message()).endsWith("[truncated 8 bytes]");
	}

	@Test
	void replacesBytesThatAreNotUtf8AndKeepsTheRestOfTheLine() {
		LineAssembler assembler = new LineAssembler(Stream.STDOUT, 1024);

		LogLine line = assembler.accept(new LogRecord(Stream.STDOUT, T, new byte[] { 'a', (byte) 0xFF, (byte) 0xC3, 'b' },
				false), new ReadPosition(T, 1));

		assertThat(line.message()).isEqualTo("a\uFFFD\uFFFDb");
		assertThat(line.truncated()).isFalse();
		assertThat(line.bytes()).isEqualTo(4);
	}

	@Test
	void aLineOfBytesThatAreNotUtf8IsCutToTheLimitOnceReplaced() {
		// each such byte becomes U+FFFD, three bytes in the record: 20 of them within a 30-byte limit would take 60
		LineAssembler assembler = new LineAssembler(Stream.STDOUT, 30);
		byte[] notUtf8 = new byte[20];
		Arrays.fill(notUtf8, (byte) 0xFF);

		LogLine line = assembler.accept(new LogRecord(Stream.STDOUT, T, notUtf8, false), new ReadPosition(T, 1));

		assertThat(line.truncated()).isTrue();
		assertThat(line.message()).isEqualTo("\uFFFD".repeat(10) + "\u2026 [truncated 10 bytes]");
		assertThat(line.bytes()).isEqualTo(20);
	}

	@Test
	void keepsWholeCharactersWithinTheLimit() {
		byte[] bytes = "a\u00e9\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 bytes
		int[][] keptByLength = { { 1, 1 }, { 2, 1 }, { 3, 3 }, { 5, 3 }, { 6, 6 }, { 9, 6 }, { 10, 10 } };

		for (int[] lengthAndKept : keptByLength) {
			int length = lengthAndKept[0];
			int kept = lengthAndKept[1];
			// a line cut by the reader at length bytes: a character begun at the cut is left out
			assertThat(Utf8Prefix.decode(bytes, length, 100, false).bytesRead()).as("cut at %d", length).isEqualTo(kept);
			// a whole line within a limit of length bytes: the same
			Utf8Prefix limited = Utf8Prefix.decode(bytes, bytes.length, length, true);
			assertThat(limited.bytesRead()).as("limit %d", length).isEqualTo(kept);
			assertThat(limited.text()).isEqualTo(new String(bytes, 0, kept, StandardCharsets.UTF_8));
		}
		// a whole line that ends inside a character ends with U+FFFD
		assertThat(Utf8Prefix.decode(bytes, 9, 26, true).text()).isEqualTo("a\u00e9\u20ac\uFFFD");
	}

	@Test
	void decodesAnyBytesAsTheJdkDoesWhenTheTextFits() {
		Random random = new Random(7);
		for (int i = 0; i < 2_000; i++) {
			byte[] bytes = new byte[1 + random.nextInt(40)];
			for (int b = 0; b < bytes.length; b++) {
				// mostly lead and continuation bytes, some ASCII: every malformed shape comes up
				bytes[b] = (byte) (random.nextInt(4) == 0 ? random.nextInt(0x80) : 0x80 + random.nextInt(0x80));
			}
			String jdk = new String(bytes, StandardCharsets.UTF_8);

			// a limit the text may exceed, so that the bounded decoding runs rather than the JDK's
			Utf8Prefix prefix = Utf8Prefix.decode(bytes, bytes.length, 3 * bytes.length - 1, true);

			assertThat(Utf8.length(prefix.text())).isLessThanOrEqualTo(3 * bytes.length - 1);
			if (prefix.bytesRead() == bytes.length) {
				assertThat(prefix.text()).isEqualTo(jdk);
			}
			else {
				assertThat(jdk).startsWith(prefix.text());
			}
		}
	}

	@Test
	void flushesAnUnterminatedLine() {
		LineAssembler assembler = new LineAssembler(Stream.STDOUT, 1024);
		assembler.accept(record("no newline at exit", true, T), new ReadPosition(T, 1));

		assertThat(assembler.pending()).isTrue();
		assertThat(assembler.flush().message()).isEqualTo("no newline at exit");
		assertThat(assembler.flush()).isNull();
	}

	private static LogRecord record(String text, boolean partial, long timestamp) {
		return new LogRecord(Stream.STDOUT, timestamp, text.getBytes(StandardCharsets.UTF_8), partial);
	}

}
