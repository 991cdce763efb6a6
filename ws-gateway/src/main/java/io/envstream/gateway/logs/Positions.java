package io.envstream.gateway.logs;

import java.util.ArrayList;
import java.util.List;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.cursor.Cursor;

/**
 * Position arithmetic of one environment's partition. A subscription's position is "strictly
 * after this cursor"; {@code null} means "before offset 0", and the position just before offset
 * {@code o} is {@code (o - 1, Integer.MAX_VALUE)}, since offsets are not contiguous and there is
 * no cursor of a line that does not exist.
 */
final class Positions {

	private Positions() {
	}

	/** The position just before offset {@code offset}: reading resumes at that offset. */
	static Cursor before(int partition, long offset) {
		return (offset <= 0) ? null : new Cursor(partition, offset - 1, Integer.MAX_VALUE);
	}

	/** The position just before {@code cursor}. */
	static Cursor before(Cursor cursor) {
		return (cursor.index() > 0) ? new Cursor(cursor.partition(), cursor.offset(), cursor.index() - 1)
				: before(cursor.partition(), cursor.offset());
	}

	/** The offset a reader seeks to so it sees every line after {@code after}. */
	static long seekOffset(Cursor after) {
		return (after == null) ? 0 : after.offset();
	}

	static boolean isAfter(Cursor cursor, Cursor after) {
		return after == null || cursor.compareTo(after) > 0;
	}

	/** The lines of a batch record at their positions, only those strictly after {@code after}. */
	static List<LogLine> lines(LogBatch batch, int partition, long offset, Cursor after) {
		List<LogEntry> entries = batch.getEntries();
		List<LogLine> lines = new ArrayList<>(entries.size());
		for (int i = 0; i < entries.size(); i++) {
			Cursor cursor = new Cursor(partition, offset, i);
			if (isAfter(cursor, after)) {
				LogEntry entry = entries.get(i);
				lines.add(new LogLine(cursor, entry.getTimestampNanos(), entry.getStream().name().toLowerCase(),
						entry.getContainerId(), entry.getHostId(), entry.getSeq(), entry.getMessage()));
			}
		}
		return lines;
	}

	/** The lines the filter keeps, as frames; a single skipped frame if it keeps none. */
	static List<io.envstream.gateway.logs.Frame> frames(List<LogLine> lines, LineFilter filter, int maxLines,
			int maxBytes) {
		if (lines.isEmpty()) {
			return List.of();
		}
		List<LogLine> kept = new ArrayList<>(lines.size());
		for (LogLine line : lines) {
			if (filter.accepts(line.stream(), line.message())) {
				kept.add(line);
			}
		}
		Cursor last = lines.get(lines.size() - 1).cursor();
		if (kept.isEmpty()) {
			return List.of(Frame.skipped(last));
		}
		List<Frame> frames = new ArrayList<>(FrameEncoder.batches(kept, maxLines, maxBytes));
		if (!kept.get(kept.size() - 1).cursor().equals(last)) {
			frames.add(Frame.skipped(last));
		}
		return frames;
	}

}
