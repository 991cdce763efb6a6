package io.envstream.collector.logs;

import io.envstream.schemas.avro.Stream;

/**
 * Drops records the engine sends twice within one read: following a json-file log across a
 * rotation, Docker 20.10 may send part of the rotated file again. Within one stream of one
 * container the engine stamps records in order (the pieces of a long line share one stamp), so a
 * record stamped before the stream's previous one, or with the same stamp after a whole line, was
 * sent already. Records of the two streams are judged apart: they may interleave slightly out of
 * order.
 */
final class ReplayGuard {

	private final long[] lastTimestamp = { Long.MIN_VALUE, Long.MIN_VALUE };

	private final boolean[] lastPartial = new boolean[2];

	/** Whether the record repeats one already read; if not, it becomes the stream's latest. */
	boolean isReplay(LogRecord record) {
		int stream = (record.stream() == Stream.STDERR) ? 1 : 0;
		long timestamp = record.timestampNanos();
		if (timestamp < this.lastTimestamp[stream]
				|| (timestamp == this.lastTimestamp[stream] && !this.lastPartial[stream])) {
			return true;
		}
		this.lastTimestamp[stream] = timestamp;
		this.lastPartial[stream] = record.partial();
		return false;
	}

}
