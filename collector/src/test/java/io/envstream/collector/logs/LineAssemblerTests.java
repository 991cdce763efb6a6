package io.envstream.collector.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.envstream.schemas.avro.Stream;
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
	void findsCharacterBoundaries() {
		byte[] bytes = "aé€\uD83D\uDE00".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 bytes

		assertThat(LineAssembler.characterBoundary(bytes, 1)).isEqualTo(1);
		assertThat(LineAssembler.characterBoundary(bytes, 2)).isEqualTo(1);
		assertThat(LineAssembler.characterBoundary(bytes, 3)).isEqualTo(3);
		assertThat(LineAssembler.characterBoundary(bytes, 5)).isEqualTo(3);
		assertThat(LineAssembler.characterBoundary(bytes, 6)).isEqualTo(6);
		assertThat(LineAssembler.characterBoundary(bytes, 9)).isEqualTo(6);
		assertThat(LineAssembler.characterBoundary(bytes, 10)).isEqualTo(10);
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
