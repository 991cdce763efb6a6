package io.envstream.processor.persist;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;

/**
 * Writes log_batches rows, one per batch record holding its lines in arrays, in PostgreSQL's COPY binary format
 * ({@code COPY ... FROM STDIN (FORMAT binary)}): each value as its length and its bytes, arrays with their element
 * type, nothing to escape or to parse again. In the text format PostgreSQL parsed each row's array literals, quoted
 * element by element: 2,000 rows of 40 200-byte lines took it 0.24-0.37 s as text, 0.12-0.25 s in binary (psql,
 * the embedded server). A container or host id is written once when every line of the batch has it. PostgreSQL
 * text cannot hold NUL, so a NUL in a line is stored as U+FFFD: refusing the row would stop the persister on it
 * forever; a lone UTF-16 surrogate is stored as {@code ?}, as Java's own UTF-8 encoder does.
 * <p>
 * The bytes are kept in chunks of about {@value #CHUNK_BYTES} rather than one array: a poll's rows run to
 * megabytes, and with G1's 1 MiB regions (heaps below 2 GiB) an array of half a region or more is a humongous
 * allocation, which the collector answers with a young collection and often a concurrent cycle.
 */
final class CopyRows {

	static final String COLUMNS = "environment_id, kafka_partition, kafka_offset, min_ts, max_ts, line_count, "
			+ "ts_nanos, streams, container_ids, host_ids, seqs, messages, metadata";

	/** The options of a COPY that reads these rows. */
	static final String FORMAT = "(FORMAT binary)";

	/** Rows are moved out of {@link #bytes} into a chunk of their own once it holds this many bytes. */
	static final int CHUNK_BYTES = 64 * 1024;

	/** The signature, flags and header extension length that open every binary COPY. */
	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
			0, 0, 0, 0 };

	/** The field count -1 that ends it. */
	private static final byte[] TRAILER = { (byte) 0xff, (byte) 0xff };

	private static final int FIELDS = 13;

	private static final int INT8_OID = 20;

	private static final int TEXT_OID = 25;

	private static final byte JSONB_VERSION = 1;

	/** 2000-01-01T00:00:00Z in microseconds since the epoch: PostgreSQL's timestamps count from there. */
	private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

	private final List<byte[]> chunks = new ArrayList<>();

	private byte[] bytes = new byte[CHUNK_BYTES + CHUNK_BYTES / 4];

	private int length;

	private int rows;

	private int lines;

	/** Adds the row of a batch record with at least one line. */
	void add(String environmentId, int partition, long offset, List<LogEntry> entries) {
		long oldest = Long.MAX_VALUE;
		long newest = Long.MIN_VALUE;
		for (LogEntry entry : entries) {
			oldest = Math.min(oldest, entry.getTimestampNanos());
			newest = Math.max(newest, entry.getTimestampNanos());
		}
		int16(FIELDS);
		text(environmentId);
		int32(4);
		int32(partition);
		int64Field(offset);
		int64Field(timestamp(oldest));
		int64Field(timestamp(newest));
		int32(4);
		int32(entries.size());
		int64Array(entries, LogEntry::getTimestampNanos);
		int32(entries.size());
		for (LogEntry entry : entries) {
			byte1((entry.getStream() == Stream.STDERR) ? 'e' : 'o');
		}
		ids(entries, LogEntry::getContainerId);
		ids(entries, LogEntry::getHostId);
		int64Array(entries, LogEntry::getSeq);
		textArray(entries.size(), (i) -> entries.get(i).getMessage());
		metadata(entries);
		this.rows++;
		this.lines += entries.size();
		if (this.length >= CHUNK_BYTES) {
			this.chunks.add(Arrays.copyOf(this.bytes, this.length));
			this.length = 0;
		}
	}

	int rows() {
		return this.rows;
	}

	int lines() {
		return this.lines;
	}

	/** The rows as one binary COPY's input, header and trailer included; each call reads it from the start. */
	InputStream stream() {
		List<InputStream> parts = new ArrayList<>();
		parts.add(new ByteArrayInputStream(HEADER));
		this.chunks.forEach((chunk) -> parts.add(new ByteArrayInputStream(chunk)));
		parts.add(new ByteArrayInputStream(this.bytes, 0, this.length));
		parts.add(new ByteArrayInputStream(TRAILER));
		return new SequenceInputStream(Collections.enumeration(parts));
	}

	/**
	 * The Docker timestamp cut (never rounded) to the microseconds timestamptz keeps, so that a batch always gets
	 * the same max_ts, which is part of its key, whichever way it is written; counted from PostgreSQL's epoch.
	 */
	private static long timestamp(long nanos) {
		return Math.floorDiv(nanos, 1000L) - POSTGRES_EPOCH_MICROS;
	}

	private void ids(List<LogEntry> entries, Function<LogEntry, String> id) {
		String first = id.apply(entries.get(0));
		boolean one = entries.stream().allMatch((entry) -> first.equals(id.apply(entry)));
		textArray(one ? 1 : entries.size(), (i) -> id.apply(entries.get(i)));
	}

	/** A JSON array with each line's metadata object (or null), or null when no line has metadata. */
	private void metadata(List<LogEntry> entries) {
		if (entries.stream().allMatch((entry) -> entry.getMetadata() == null || entry.getMetadata().isEmpty())) {
			int32(-1);
			return;
		}
		StringBuilder json = new StringBuilder("[");
		for (LogEntry entry : entries) {
			Map<String, String> metadata = entry.getMetadata();
			json.append((json.length() > 1) ? "," : "")
				.append((metadata == null || metadata.isEmpty()) ? "null" : Json.object(metadata));
		}
		int start = beginField();
		byte1(JSONB_VERSION);
		utf8(json.append(']'));
		endField(start);
	}

	private void int64Array(List<LogEntry> entries, ToLongFunction<LogEntry> value) {
		int start = beginField();
		arrayHeader(INT8_OID, entries.size());
		for (LogEntry entry : entries) {
			int64Field(value.applyAsLong(entry));
		}
		endField(start);
	}

	private void textArray(int size, IntFunction<String> element) {
		int start = beginField();
		arrayHeader(TEXT_OID, size);
		for (int i = 0; i < size; i++) {
			text(element.apply(i));
		}
		endField(start);
	}

	/** One dimension of {@code size} elements from index 1, none of them null. */
	private void arrayHeader(int elementOid, int size) {
		int32(1);
		int32(0);
		int32(elementOid);
		int32(size);
		int32(1);
	}

	private void text(CharSequence value) {
		int start = beginField();
		utf8(value);
		endField(start);
	}

	private void int64Field(long value) {
		int32(8);
		int64(value);
	}

	/** Leaves room for a field's length, to be written by {@link #endField} once its bytes are there. */
	private int beginField() {
		int32(0);
		return this.length;
	}

	private void endField(int start) {
		int fieldLength = this.length - start;
		this.length = start - 4;
		int32(fieldLength);
		this.length = start + fieldLength;
	}

	private void utf8(CharSequence value) {
		room(3 * value.length());
		byte[] out = this.bytes;
		int at = this.length;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x80 && c != 0) {
				out[at++] = (byte) c;
			}
			else if (c == 0) {
				// U+FFFD: PostgreSQL text cannot hold NUL
				out[at++] = (byte) 0xef;
				out[at++] = (byte) 0xbf;
				out[at++] = (byte) 0xbd;
			}
			else if (c < 0x800) {
				out[at++] = (byte) (0xc0 | (c >> 6));
				out[at++] = (byte) (0x80 | (c & 0x3f));
			}
			else if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				int codePoint = Character.toCodePoint(c, value.charAt(++i));
				out[at++] = (byte) (0xf0 | (codePoint >> 18));
				out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3f));
				out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
				out[at++] = (byte) (0x80 | (codePoint & 0x3f));
			}
			else if (Character.isSurrogate(c)) {
				out[at++] = '?';
			}
			else {
				out[at++] = (byte) (0xe0 | (c >> 12));
				out[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
				out[at++] = (byte) (0x80 | (c & 0x3f));
			}
		}
		this.length = at;
	}

	private void byte1(int value) {
		room(1);
		this.bytes[this.length++] = (byte) value;
	}

	private void int16(int value) {
		room(2);
		this.bytes[this.length++] = (byte) (value >>> 8);
		this.bytes[this.length++] = (byte) value;
	}

	private void int32(int value) {
		room(4);
		for (int shift = 24; shift >= 0; shift -= 8) {
			this.bytes[this.length++] = (byte) (value >>> shift);
		}
	}

	private void int64(long value) {
		room(8);
		for (int shift = 56; shift >= 0; shift -= 8) {
			this.bytes[this.length++] = (byte) (value >>> shift);
		}
	}

	private void room(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(2 * this.bytes.length, this.length + more));
		}
	}

	/** The little JSON the metadata needs: an object of string values. */
	static final class Json {

		private Json() {
		}

		static String object(Map<String, String> values) {
			StringBuilder json = new StringBuilder("{");
			values.forEach((key, value) -> {
				if (json.length() > 1) {
					json.append(',');
				}
				string(json, key).append(':');
				string(json, value);
			});
			return json.append('}').toString();
		}

		private static StringBuilder string(StringBuilder json, String value) {
			json.append('"');
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '"' || c == '\\') {
					json.append('\\').append(c);
				}
				else if (c < 0x20) {
					json.append(String.format("\\u%04x", (c == 0) ? 0xfffd : (int) c));
				}
				else {
					json.append(c);
				}
			}
			return json.append('"');
		}

	}

}
