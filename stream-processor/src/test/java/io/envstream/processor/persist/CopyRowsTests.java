package io.envstream.processor.persist;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CopyRowsTests {

	private static final long NOW_NANOS = 1_796_000_000_123_456_789L;

	/** "PGCOPY\n\377\r\n\0", then the flags and the header extension's length. */
	private static final int HEADER_BYTES = 19;

	private static final int TRAILER_BYTES = 2;

	@Test
	void encodesEachValueAsPostgresReadsABinaryCopy() throws IOException {
		// given a line with what UTF-8 and PostgreSQL text need care for: a NUL, two- and four-byte characters and
		// a lone surrogate
		LogEntry line = new LogEntry(Stream.STDERR, NOW_NANOS, "c1", "h1", 7L, "nul \0 é \uD83D\uDE00 lone \uD800 end",
				Map.of("level", "warn"));
		CopyRows rows = new CopyRows();

		// when its row is written
		rows.add("env-é", 3, 42, List.of(line));

		// then the stream is the header, the row's 13 fields, and the trailer
		DataInputStream in = new DataInputStream(rows.stream());
		byte[] header = in.readNBytes(HEADER_BYTES);
		assertThat(Arrays.copyOf(header, 11)).isEqualTo(new byte[] { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff,
				'\r', '\n', 0 });
		assertThat(Arrays.copyOfRange(header, 11, HEADER_BYTES)).containsOnly(0);
		assertThat(in.readShort()).isEqualTo((short) 13);
		assertThat(text(in)).isEqualTo("env-é");
		assertThat(in.readInt()).isEqualTo(4);
		assertThat(in.readInt()).isEqualTo(3);
		assertThat(int64(in)).isEqualTo(42);
		// min_ts and max_ts: microseconds from 2000-01-01, cut rather than rounded
		long micros = ChronoUnit.MICROS.between(Instant.parse("2000-01-01T00:00:00Z"), Instant.ofEpochSecond(0, NOW_NANOS));
		assertThat(int64(in)).isEqualTo(micros);
		assertThat(int64(in)).isEqualTo(micros);
		assertThat(in.readInt()).isEqualTo(4);
		assertThat(in.readInt()).isEqualTo(1);
		assertThat(int64Array(in)).containsExactly(NOW_NANOS);
		assertThat(text(in)).isEqualTo("e");
		assertThat(textArray(in)).containsExactly("c1");
		assertThat(textArray(in)).containsExactly("h1");
		assertThat(int64Array(in)).containsExactly(7L);
		assertThat(textArray(in)).containsExactly("nul \uFFFD é \uD83D\uDE00 lone ? end");
		byte[] metadata = in.readNBytes(in.readInt());
		assertThat(metadata[0]).isEqualTo((byte) 1); // jsonb's binary format version
		assertThat(new String(metadata, 1, metadata.length - 1, StandardCharsets.UTF_8))
			.isEqualTo("[{\"level\":\"warn\"}]");
		assertThat(in.readShort()).isEqualTo((short) -1);
		assertThat(in.read()).isEqualTo(-1);
	}

	@Test
	void writesAnIdOnceWhenEveryLineHasItAndNoMetadataAsNull() throws IOException {
		CopyRows rows = new CopyRows();
		rows.add("env-a", 0, 1, batch(1));

		DataInputStream in = new DataInputStream(rows.stream());
		in.skipNBytes(HEADER_BYTES + 2);
		text(in);
		in.skipNBytes(4 + 4 + 12 + 12 + 12 + 8);
		int64Array(in);
		text(in);

		// batch(1): the container the same on every line, and so the host
		assertThat(textArray(in)).containsExactly("container-1");
		assertThat(textArray(in)).containsExactly("host-a");
		assertThat(int64Array(in)).hasSize(40);
		assertThat(textArray(in)).hasSize(40).allMatch((message) -> message.startsWith("batch 1 line "));
		assertThat(in.readInt()).isEqualTo(-1);
	}

	@Test
	void rowsSpanningManyChunksStreamAsEachRowAloneInOrder() throws IOException {
		// 300 batches of 40 lines of about 200 characters: many chunks
		List<List<LogEntry>> batches = IntStream.range(0, 300).mapToObj(CopyRowsTests::batch).toList();
		List<byte[]> alone = new ArrayList<>();
		for (int i = 0; i < batches.size(); i++) {
			CopyRows one = new CopyRows();
			one.add("env-" + i % 7, i % 3, i, batches.get(i));
			byte[] whole = one.stream().readAllBytes();
			alone.add(Arrays.copyOfRange(whole, HEADER_BYTES, whole.length - TRAILER_BYTES));
		}
		CopyRows all = new CopyRows();
		for (int i = 0; i < batches.size(); i++) {
			all.add("env-" + i % 7, i % 3, i, batches.get(i));
		}

		byte[] streamed = all.stream().readAllBytes();

		int at = HEADER_BYTES;
		for (byte[] row : alone) {
			assertThat(Arrays.copyOfRange(streamed, at, at + row.length)).isEqualTo(row);
			at += row.length;
		}
		assertThat(streamed.length - TRAILER_BYTES).isEqualTo(at).isGreaterThan(20 * CopyRows.CHUNK_BYTES);
		assertThat(all.rows()).isEqualTo(300);
		assertThat(all.lines()).isEqualTo(300 * 40);
	}

	@Test
	void eachStreamReadsTheRowsFromTheStart() throws IOException {
		CopyRows rows = new CopyRows();
		for (int i = 0; i < 50; i++) {
			rows.add("env-a", 0, i, batch(i));
		}

		byte[] first = rows.stream().readAllBytes();

		assertThat(rows.stream().readAllBytes()).isEqualTo(first);
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

	private static String text(DataInputStream in) throws IOException {
		return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
	}

	private static long int64(DataInputStream in) throws IOException {
		assertThat(in.readInt()).isEqualTo(8);
		return in.readLong();
	}

	private static List<Long> int64Array(DataInputStream in) throws IOException {
		return array(in, 20, CopyRowsTests::int64);
	}

	private static List<String> textArray(DataInputStream in) throws IOException {
		return array(in, 25, CopyRowsTests::text);
	}

	private static <T> List<T> array(DataInputStream in, int elementOid, Element<T> element) throws IOException {
		int size = arrayHeader(in, elementOid);
		List<T> values = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			values.add(element.read(in));
		}
		return values;
	}

	/** Reads one element of an array. */
	private interface Element<T> {

		T read(DataInputStream in) throws IOException;

	}

	/** Reads a one-dimensional array's header (after its length): its element type, its size. */
	private static int arrayHeader(DataInputStream in, int elementOid) throws IOException {
		int length = in.readInt();
		assertThat(length).isPositive();
		assertThat(in.readInt()).as("dimensions").isEqualTo(1);
		assertThat(in.readInt()).as("has nulls").isZero();
		assertThat(in.readInt()).as("element type").isEqualTo(elementOid);
		int size = in.readInt();
		assertThat(in.readInt()).as("lower bound").isEqualTo(1);
		return size;
	}

}
