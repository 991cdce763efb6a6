package io.envstream.collector.logs;

import java.util.Arrays;

import io.envstream.schemas.avro.Stream;

/**
 * Merges the 16 KiB pieces of one stream's lines and cuts a line longer than the maximum: the
 * kept bytes end on a whole UTF-8 character and the marker {@code … [truncated N bytes]} follows.
 * Bytes are decoded only once the line is whole, so a character split between two pieces stays
 * intact. Holds at most the maximum line length in memory.
 */
final class LineAssembler {

	static final String MARKER_FORMAT = "\u2026 [truncated %d bytes]";

	private static final int INITIAL = 1024;

	private final Stream stream;

	private final int maxBytes;

	private byte[] buffer = new byte[INITIAL];

	private int length;

	private long total;

	private long firstTimestamp;

	private boolean pending;

	private ReadPosition lastPosition;

	private FilePosition lastFile;

	LineAssembler(Stream stream, int maxBytes) {
		this.stream = stream;
		this.maxBytes = maxBytes;
	}

	/** Adds a record; returns the line it completes, or {@code null}. */
	LogLine accept(LogRecord record, ReadPosition position) {
		if (!this.pending) {
			this.pending = true;
			this.firstTimestamp = record.timestampNanos();
		}
		append(record.content());
		this.lastPosition = position;
		this.lastFile = record.file();
		return record.partial() ? null : finish();
	}

	/** Whether a line has begun and not ended. */
	boolean pending() {
		return this.pending;
	}

	/** Ends the begun line, if any, as it is (the log ended without its newline). */
	LogLine flush() {
		return this.pending ? finish() : null;
	}

	private void append(byte[] content) {
		this.total += content.length;
		int room = this.maxBytes - this.length;
		int kept = Math.min(room, content.length);
		if (kept <= 0) {
			return;
		}
		if (this.length + kept > this.buffer.length) {
			int size = (int) Math.min(this.maxBytes, Math.max(this.length + kept, 2L * this.buffer.length));
			this.buffer = Arrays.copyOf(this.buffer, size);
		}
		System.arraycopy(content, 0, this.buffer, this.length, kept);
		this.length += kept;
	}

	private LogLine finish() {
		Utf8Prefix kept = Utf8Prefix.decode(this.buffer, this.length, this.maxBytes, this.total == this.length);
		boolean truncated = this.total > kept.bytesRead();
		String message = truncated ? kept.text() + String.format(MARKER_FORMAT, this.total - kept.bytesRead())
				: kept.text();
		LogLine line = new LogLine(this.stream, this.firstTimestamp, message, truncated, this.total, this.lastPosition,
				this.lastFile);
		this.pending = false;
		this.length = 0;
		this.total = 0;
		if (this.buffer.length > 64 * 1024) {
			this.buffer = new byte[INITIAL]; // a long line does not pin its buffer
		}
		return line;
	}

}
