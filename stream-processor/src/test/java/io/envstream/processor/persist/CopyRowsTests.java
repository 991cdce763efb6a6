package io.envstream.processor.persist;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CopyRowsTests {

	private static final long NOW_NANOS = 1_796_000_000_123_456_789L;

	@Test
	void rowsSpanningManyChunksReadAsTheirTextInOrder() throws IOException {
		// 300 batches of 40 lines of about 200 characters: many chunks
		List<List<LogEntry>> batches = IntStream.range(0, 300).mapToObj(CopyRowsTests::batch).toList();
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < batches.size(); i++) {
			CopyRows alone = new CopyRows();
			alone.add("env-" + i % 7, i % 3, i, batches.get(i));
			expected.append(read(alone.reader()));
		}
		CopyRows all = new CopyRows();
		for (int i = 0; i < batches.size(); i++) {
			all.add("env-" + i % 7, i % 3, i, batches.get(i));
		}

		assertThat(expected.length()).isGreaterThan(20 * CopyRows.CHUNK_CHARS);
		assertThat(read(all.reader())).isEqualTo(expected.toString());
		assertThat(all.rows()).isEqualTo(300);
		assertThat(all.lines()).isEqualTo(300 * 40);
	}

	@Test
	void eachReaderReadsTheRowsFromTheStart() throws IOException {
		CopyRows rows = new CopyRows();
		for (int i = 0; i < 50; i++) {
			rows.add("env-a", 0, i, batch(i));
		}

		String first = read(rows.reader());

		assertThat(first).hasLineCount(50).startsWith("env-a\t0\t0\t");
		assertThat(read(rows.reader())).isEqualTo(first);
	}

	@Test
	void readsInTheSizesAskedFor() throws IOException {
		CopyRows rows = new CopyRows();
		rows.add("env-a", 0, 1, batch(1));
		String whole = read(rows.reader());
		Reader reader = rows.reader();
		char[] buffer = new char[7];
		StringBuilder read = new StringBuilder();

		for (int n = reader.read(buffer, 0, buffer.length); n != -1; n = reader.read(buffer, 0, buffer.length)) {
			assertThat(n).isBetween(1, buffer.length);
			read.append(buffer, 0, n);
		}

		assertThat(read.toString()).isEqualTo(whole);
		assertThat(reader.read(buffer, 0, 0)).isZero();
	}

	private static List<LogEntry> batch(int number) {
		List<LogEntry> entries = new ArrayList<>();
		for (int line = 0; line < 40; line++) {
			String message = "batch " + number + " line " + line + " \\ \"quoted\"\ttabbed é " + "x".repeat(160);
			entries.add(new LogEntry(line % 5 == 0 ? Stream.STDERR : Stream.STDOUT, NOW_NANOS + number * 1000L + line,
					"container-" + number % 2, "host-a", (long) number * 40 + line, message, null));
		}
		return entries;
	}

	private static String read(Reader reader) throws IOException {
		StringBuilder text = new StringBuilder();
		char[] buffer = new char[8192];
		for (int n = reader.read(buffer); n != -1; n = reader.read(buffer)) {
			text.append(buffer, 0, n);
		}
		return text.toString();
	}

}
