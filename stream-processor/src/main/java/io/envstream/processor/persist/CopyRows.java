package io.envstream.processor.persist;

import java.io.Reader;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;

/**
 * Writes log_batches rows, one per batch record holding its lines in arrays, in PostgreSQL's COPY text format:
 * tab-separated columns, {@code \N} for null, backslash escapes, array literals whose text elements are quoted.
 * A container or host id is written once when every line of the batch has it. PostgreSQL text cannot hold NUL, so
 * a NUL in a line is stored as U+FFFD: refusing the row would stop the persister on it forever.
 * <p>
 * The text is kept in chunks of about {@value #CHUNK_CHARS} characters rather than one string: a poll's rows run
 * to megabytes, and with G1's 1 MiB regions (heaps below 2 GiB) an array of half a region or more is a humongous
 * allocation, which the collector answers with a young collection and often a concurrent cycle: one string of the
 * whole poll, and the builder's doublings on the way, were several per poll.
 */
final class CopyRows {

	static final String COLUMNS = "environment_id, kafka_partition, kafka_offset, min_ts, max_ts, line_count, "
			+ "ts_nanos, streams, container_ids, host_ids, seqs, messages, metadata";

	/** Rows are moved out of {@link #text} into a chunk of their own once it holds this many characters. */
	static final int CHUNK_CHARS = 64 * 1024;

	private final List<String> chunks = new ArrayList<>();

	private final StringBuilder text = new StringBuilder(CHUNK_CHARS + CHUNK_CHARS / 4);

	private int rows;

	private int lines;

	/** The epoch second whose date and time of day {@link #secondText} holds. */
	private long second;

	private String secondText;

	/** Adds the row of a batch record with at least one line. */
	void add(String environmentId, int partition, long offset, List<LogEntry> entries) {
		long oldest = Long.MAX_VALUE;
		long newest = Long.MIN_VALUE;
		for (LogEntry entry : entries) {
			oldest = Math.min(oldest, entry.getTimestampNanos());
			newest = Math.max(newest, entry.getTimestampNanos());
		}
		field(environmentId).append('\t');
		this.text.append(partition).append('\t').append(offset).append('\t');
		timestamp(oldest).append('\t');
		timestamp(newest).append('\t');
		this.text.append(entries.size()).append("\t{");
		for (int i = 0; i < entries.size(); i++) {
			this.text.append((i == 0) ? "" : ",").append(entries.get(i).getTimestampNanos());
		}
		this.text.append("}\t");
		for (LogEntry entry : entries) {
			this.text.append((entry.getStream() == Stream.STDERR) ? 'e' : 'o');
		}
		this.text.append('\t');
		ids(entries, LogEntry::getContainerId).append('\t');
		ids(entries, LogEntry::getHostId).append("\t{");
		for (int i = 0; i < entries.size(); i++) {
			this.text.append((i == 0) ? "" : ",").append(entries.get(i).getSeq());
		}
		this.text.append("}\t{");
		for (int i = 0; i < entries.size(); i++) {
			element((i == 0) ? "" : ",", entries.get(i).getMessage());
		}
		this.text.append("}\t");
		metadata(entries).append('\n');
		this.rows++;
		this.lines += entries.size();
		if (this.text.length() >= CHUNK_CHARS) {
			this.chunks.add(this.text.toString());
			this.text.setLength(0);
		}
	}

	int rows() {
		return this.rows;
	}

	int lines() {
		return this.lines;
	}

	/** The rows' text, for one COPY; each call reads it from the start. */
	Reader reader() {
		List<String> all = new ArrayList<>(this.chunks);
		all.add(this.text.toString());
		return new ChunksReader(all.iterator());
	}

	private StringBuilder ids(List<LogEntry> entries, Function<LogEntry, String> id) {
		String first = id.apply(entries.get(0));
		boolean one = entries.stream().allMatch((entry) -> first.equals(id.apply(entry)));
		this.text.append('{');
		for (int i = 0; i < (one ? 1 : entries.size()); i++) {
			element((i == 0) ? "" : ",", id.apply(entries.get(i)));
		}
		return this.text.append('}');
	}

	/** A JSON array with each line's metadata object (or null), or null when no line has metadata. */
	private StringBuilder metadata(List<LogEntry> entries) {
		if (entries.stream().allMatch((entry) -> entry.getMetadata() == null || entry.getMetadata().isEmpty())) {
			return this.text.append("\\N");
		}
		StringBuilder json = new StringBuilder("[");
		for (LogEntry entry : entries) {
			Map<String, String> metadata = entry.getMetadata();
			json.append((json.length() > 1) ? "," : "")
				.append((metadata == null || metadata.isEmpty()) ? "null" : Json.object(metadata));
		}
		return field(json.append(']').toString());
	}

	/**
	 * The Docker timestamp cut (never rounded) to the microseconds timestamptz keeps, so that a batch always gets
	 * the same max_ts, which is part of its key, whichever way it is written: ISO-8601 in UTC with six fraction
	 * digits. The date and time of day are formatted once per second, as the batches of a poll mostly share it.
	 */
	private StringBuilder timestamp(long nanos) {
		long second = Math.floorDiv(nanos, 1_000_000_000L);
		if (this.secondText == null || second != this.second) {
			this.second = second;
			this.secondText = DateTimeFormatter.ISO_LOCAL_DATE_TIME
				.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC));
		}
		long micros = Math.floorMod(nanos, 1_000_000_000L) / 1000;
		this.text.append(this.secondText).append('.');
		for (long digit = 100_000; digit > 0; digit /= 10) {
			this.text.append((char) ('0' + micros / digit % 10));
		}
		return this.text.append('Z');
	}

	/** Appends {@code value} escaped for COPY; the runs between characters to escape go in whole. */
	private StringBuilder field(String value) {
		int unescaped = 0;
		for (int i = 0; i < value.length(); i++) {
			String escaped = escape(value.charAt(i));
			if (escaped != null) {
				this.text.append(value, unescaped, i).append(escaped);
				unescaped = i + 1;
			}
		}
		return this.text.append(value, unescaped, value.length());
	}

	/**
	 * Appends {@code value} as a quoted array element: the array literal escapes backslash and quote with a
	 * backslash, and COPY then escapes each backslash again.
	 */
	private void element(String separator, String value) {
		this.text.append(separator).append('"');
		int unescaped = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			String escaped = switch (c) {
				case '\\' -> "\\\\\\\\";
				case '"' -> "\\\\\"";
				default -> escape(c);
			};
			if (escaped != null) {
				this.text.append(value, unescaped, i).append(escaped);
				unescaped = i + 1;
			}
		}
		this.text.append(value, unescaped, value.length()).append('"');
	}

	private static String escape(char c) {
		return switch (c) {
			case '\\' -> "\\\\";
			case '\t' -> "\\t";
			case '\n' -> "\\n";
			case '\r' -> "\\r";
			case '\0' -> "\uFFFD";
			default -> null;
		};
	}

	/** Reads strings one after the other, as if they were one. */
	private static final class ChunksReader extends Reader {

		private final Iterator<String> chunks;

		private String chunk = "";

		private int next;

		ChunksReader(Iterator<String> chunks) {
			this.chunks = chunks;
		}

		@Override
		public int read(char[] buffer, int offset, int length) {
			if (length == 0) {
				return 0;
			}
			while (this.next == this.chunk.length()) {
				if (!this.chunks.hasNext()) {
					return -1;
				}
				this.chunk = this.chunks.next();
				this.next = 0;
			}
			int read = Math.min(length, this.chunk.length() - this.next);
			this.chunk.getChars(this.next, this.next + read, buffer, offset);
			this.next += read;
			return read;
		}

		@Override
		public void close() {
			// nothing held but strings
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
