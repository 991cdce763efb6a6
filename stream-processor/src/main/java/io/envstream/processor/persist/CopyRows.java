package io.envstream.processor.persist;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import io.envstream.schemas.avro.LogEntry;

/**
 * Writes log_entries rows in PostgreSQL's COPY text format: tab-separated columns, {@code \N} for null,
 * backslash escapes. PostgreSQL text cannot hold NUL, so a NUL in a line is stored as U+FFFD: refusing the row
 * would stop the persister on it forever.
 */
final class CopyRows {

	static final String COLUMNS = "environment_id, kafka_partition, kafka_offset, batch_index, ts, ts_nanos, stream, "
			+ "container_id, host_id, seq, message, metadata";

	private final StringBuilder text = new StringBuilder(64 * 1024);

	private int rows;

	/** The epoch second whose date and time of day {@link #secondText} holds. */
	private long second;

	private String secondText;

	void add(String environmentId, int partition, long offset, int index, LogEntry entry) {
		field(environmentId).append('\t');
		this.text.append(partition).append('\t').append(offset).append('\t').append(index).append('\t');
		timestamp(entry.getTimestampNanos()).append('\t');
		this.text.append(entry.getTimestampNanos()).append('\t');
		this.text.append(entry.getStream().name().toLowerCase(Locale.ROOT)).append('\t');
		field(entry.getContainerId()).append('\t');
		field(entry.getHostId()).append('\t');
		this.text.append(entry.getSeq()).append('\t');
		field(entry.getMessage()).append('\t');
		Map<String, String> metadata = entry.getMetadata();
		if (metadata == null || metadata.isEmpty()) {
			this.text.append("\\N");
		}
		else {
			field(Json.object(metadata));
		}
		this.text.append('\n');
		this.rows++;
	}

	int rows() {
		return this.rows;
	}

	String text() {
		return this.text.toString();
	}

	/**
	 * The Docker timestamp cut (never rounded) to the microseconds timestamptz keeps, so that a position always
	 * gets the same ts, whichever way it is written: ISO-8601 in UTC with six fraction digits. The date and time of
	 * day are formatted once per second, as the lines of a batch mostly share it.
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

	/** Appends {@code value} escaped; the runs between characters to escape go in whole. */
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
