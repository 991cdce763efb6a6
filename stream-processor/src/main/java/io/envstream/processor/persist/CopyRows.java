package io.envstream.processor.persist;

import java.time.Instant;
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

	void add(String environmentId, int partition, long offset, int index, LogEntry entry) {
		field(environmentId).append('\t');
		this.text.append(partition).append('\t').append(offset).append('\t').append(index).append('\t');
		this.text.append(microseconds(entry.getTimestampNanos())).append('\t');
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
	 * gets the same ts, whichever way it is written.
	 */
	static Instant microseconds(long nanos) {
		return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
				Math.floorMod(nanos, 1_000_000_000L) / 1000 * 1000);
	}

	private StringBuilder field(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> this.text.append("\\\\");
				case '\t' -> this.text.append("\\t");
				case '\n' -> this.text.append("\\n");
				case '\r' -> this.text.append("\\r");
				case '\0' -> this.text.append('\uFFFD');
				default -> this.text.append(c);
			}
		}
		return this.text;
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
