package io.envstream.collector.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.serde.Utf8;

/**
 * Packs the lines of one transaction into records of {@code envstream.logs.raw}: the lines of a container share a
 * record, in the order they were read, until the next would take it past {@link LineLimit#maxRecordBytes()}; then
 * the full record leaves and the next one starts. A line heavier than that alone leaves in a record of its own, as
 * every line did before records held several. Containers' records leave in the order of their first line.
 */
final class LineRecords {

	/**
	 * What a line weighs besides its message in a record: its stream, timestamp, seq, truncation flag and message
	 * length take at most 27 bytes in Avro's binary encoding.
	 */
	static final int LINE_OVERHEAD = 32;

	private final String hostId;

	private final long maxRecordBytes;

	private final Consumer<LogEventBatch> send;

	private final Map<String, Filling> filling = new LinkedHashMap<>();

	private long sent;

	/**
	 * @param send takes each record as it is complete
	 */
	LineRecords(String hostId, long maxRecordBytes, Consumer<LogEventBatch> send) {
		this.hostId = hostId;
		this.maxRecordBytes = maxRecordBytes;
		this.send = send;
	}

	/** What {@code line} weighs in a record: an upper bound of its encoded size. */
	static long weight(RawLine line) {
		return Utf8.length(line.getMessage()) + LINE_OVERHEAD;
	}

	void add(String envId, String containerId, RawLine line) {
		long weight = weight(line);
		Filling record = this.filling.get(containerId);
		if (record != null && record.bytes + weight > this.maxRecordBytes) {
			this.filling.remove(containerId);
			send(containerId, record);
			record = null;
		}
		if (record == null) {
			record = new Filling(envId);
			this.filling.put(containerId, record);
		}
		record.lines.add(line);
		record.bytes += weight;
	}

	/** Sends every record still filling. */
	void flush() {
		this.filling.forEach(this::send);
		this.filling.clear();
	}

	/** How many records were sent. */
	long sent() {
		return this.sent;
	}

	private void send(String containerId, Filling record) {
		this.send.accept(record.toBatch(this.hostId, containerId));
		this.sent++;
	}

	private static final class Filling {

		private final String envId;

		private final List<RawLine> lines = new ArrayList<>();

		private long bytes;

		Filling(String envId) {
			this.envId = envId;
		}

		LogEventBatch toBatch(String hostId, String containerId) {
			return new LogEventBatch(this.envId, hostId, containerId, this.lines);
		}

	}

}
