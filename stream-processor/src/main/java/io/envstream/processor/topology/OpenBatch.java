package io.envstream.processor.topology;

import java.util.ArrayList;
import java.util.List;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.serde.Utf8;

/**
 * The lines of one environment waiting to leave together, with the source offsets of the records they were read
 * from (one record may hold several of them).
 */
final class OpenBatch {

	private final String environmentId;

	private final int sourcePartition;

	private final long openedAt;

	private final List<LogEntry> entries = new ArrayList<>();

	private final List<Long> storedOffsets = new ArrayList<>();

	private long firstOffset;

	private long lastOffset;

	/** Index of the first entry read from the record at {@link #lastOffset}. */
	private int lastRecordStart;

	private long bytes;

	OpenBatch(String environmentId, int sourcePartition, long openedAt) {
		this.environmentId = environmentId;
		this.sourcePartition = sourcePartition;
		this.openedAt = openedAt;
	}

	/**
	 * Adds a line of the record at {@code sourceOffset} whose message weighs {@code entryBytes} ({@link #bytesOf},
	 * measured once by the caller); records come in offset order.
	 */
	void add(LogEntry entry, long entryBytes, long sourceOffset) {
		if (this.entries.isEmpty()) {
			this.firstOffset = sourceOffset;
		}
		if (this.entries.isEmpty() || sourceOffset != this.lastOffset) {
			this.lastOffset = sourceOffset;
			this.lastRecordStart = this.entries.size();
		}
		this.entries.add(entry);
		this.bytes += entryBytes;
	}

	/** The UTF-8 size of an entry's message: what it weighs in the batch record. */
	static long bytesOf(LogEntry entry) {
		return Utf8.length(entry.getMessage());
	}

	String environmentId() {
		return this.environmentId;
	}

	int lines() {
		return this.entries.size();
	}

	long bytes() {
		return this.bytes;
	}

	long openedAt() {
		return this.openedAt;
	}

	/** The lines of this batch read from the last record added to it. */
	List<LogEntry> linesOfLastRecord() {
		return this.entries.subList(this.lastRecordStart, this.entries.size());
	}

	/** Notes that the lines of the record at {@code sourceOffset} that this batch holds are in the state store. */
	void stored(long sourceOffset) {
		this.storedOffsets.add(sourceOffset);
	}

	/** The source offsets of the records whose lines in this batch are in the state store. */
	List<Long> storedOffsets() {
		return this.storedOffsets;
	}

	LogEntry last() {
		return this.entries.get(this.entries.size() - 1);
	}

	/** The batch record: its source offsets are those of the records holding its first and last line. */
	LogBatch toBatch() {
		return new LogBatch(this.environmentId, List.copyOf(this.entries), this.sourcePartition, this.firstOffset,
				this.lastOffset);
	}

}
