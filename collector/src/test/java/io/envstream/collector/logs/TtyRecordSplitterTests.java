package io.envstream.collector.logs;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.Test;

import static io.envstream.collector.logs.LogBytes.T1;
import static io.envstream.collector.logs.LogBytes.T2;
import static io.envstream.collector.logs.LogBytes.text;
import static org.assertj.core.api.Assertions.assertThat;

class TtyRecordSplitterTests {

	@Test
	void splitsRecordsAtNewlinesAndDropsTheCarriageReturn() throws IOException {
		byte[] bytes = new LogBytes().raw(T1 + " first\r\n" + T2 + " second\r\n").bytes();
		TtyRecordSplitter splitter = new TtyRecordSplitter(new ByteArrayInputStream(bytes));

		LogRecord first = splitter.next();
		LogRecord second = splitter.next();

		assertThat(text(first)).isEqualTo("first");
		assertThat(first.stream()).isEqualTo(Stream.STDOUT);
		assertThat(first.partial()).isFalse();
		assertThat(text(second)).isEqualTo("second");
		assertThat(second.timestampNanos()).isEqualTo(1_714_564_800_500_000_000L);
		assertThat(splitter.next()).isNull();
	}

	@Test
	void takesAPieceOfExactly16KiBWithoutNewlineAsPartial() throws IOException {
		assertPieceThenLine("a".repeat(TtyRecordSplitter.PIECE), "tail");
	}

	@Test
	void takesAPieceThatJsonFileStoredLongerWholeAndReadsTheNextRecord() throws IOException {
		// 5,461 three-byte characters and the first byte of the next, which json-file stores as U+FFFD: 16,386 bytes
		assertPieceThenLine("\u20ac".repeat(TtyRecordSplitter.PIECE / 3) + "\ufffd", "\ufffd\ufffdrest");
	}

	/** A stream of {@code piece} then a record ending in {@code line}: read as a partial record, then a whole one. */
	private static void assertPieceThenLine(String piece, String line) throws IOException {
		byte[] bytes = new LogBytes().raw(T1 + " " + piece + T1 + " " + line + "\r\n").bytes();
		TtyRecordSplitter splitter = new TtyRecordSplitter(new ByteArrayInputStream(bytes));

		LogRecord first = splitter.next();
		LogRecord second = splitter.next();

		assertThat(first.partial()).isTrue();
		assertThat(text(first)).isEqualTo(piece);
		assertThat(second.partial()).isFalse();
		assertThat(text(second)).isEqualTo(line);
	}

	@Test
	void endsTheLineAtTheUnterminatedEndOfTheLog() throws IOException {
		byte[] bytes = new LogBytes().raw(T1 + " prompt$ ").bytes();
		TtyRecordSplitter splitter = new TtyRecordSplitter(new ByteArrayInputStream(bytes));

		LogRecord record = splitter.next();

		assertThat(text(record)).isEqualTo("prompt$ ");
		assertThat(record.partial()).isFalse();
		assertThat(splitter.next()).isNull();
	}

	@Test
	void readsRecordsSplitAcrossArbitraryChunks() throws IOException {
		byte[] bytes = new LogBytes().raw(T1 + " one\r\n" + T2 + " two\r\n").bytes();
		ByteArrayInputStream chunked = new ByteArrayInputStream(bytes) {
			@Override
			public synchronized int read(byte[] b, int off, int len) {
				return super.read(b, off, Math.min(len, 3));
			}
		};
		TtyRecordSplitter splitter = new TtyRecordSplitter(chunked);

		assertThat(text(splitter.next())).isEqualTo("one");
		assertThat(text(splitter.next())).isEqualTo("two");
	}

}
