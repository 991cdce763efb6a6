package io.envstream.processor.topology;

import java.util.ArrayList;
import java.util.List;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.serde.Utf8;

/** The lines of one environment waiting to leave together, with the source offsets they were read at. */
final class OpenBatch {

	private final String environmentId;

	private final int sourcePartition;

	private final long openedAt;

	private final List<LogEntry> entries = new ArrayList<>();

	private final List<Long> sourceOffsets = new ArrayList<>();

	private long bytes;

	OpenBatch(String environmentId, int sourcePartition, long openedAt) {
		this.environmentId = environmentId;
		this.sourcePartition = sourcePartition;
		this.openedAt = openedAt;
	}

	/** Adds a line whose message weighs {@code entryBytes} ({@link #bytesOf}, measured once by the caller). */
	void add(LogEntry entry, long entryBytes, long sourceOffset) {
		this.entries.add(entry);
		this.sourceOffsets.add(sourceOffset);
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

	List<Long> sourceOffsets() {
		return this.sourceOffsets;
	}

	LogEntry last() {
		return this.entries.get(this.entries.size() - 1);
	}

	LogBatch toBatch() {
		return new LogBatch(this.environmentId, List.copyOf(this.entries), this.sourcePartition,
				this.sourceOffsets.get(0), this.sourceOffsets.get(this.sourceOffsets.size() - 1));
	}

}
