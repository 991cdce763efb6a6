package io.envstream.gateway.logs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.envstream.schemas.cursor.Cursor;

/**
 * The frames of one run of an environment's lines (in cursor order), made once per filter and first
 * line: every subscriber with the same filter at the same position gets the very same frames, messages
 * included. The live fan-out and the shared catch-up reads both hand out lines through it.
 */
final class SharedFrames {

	private final LinePipeline pipeline;

	private final List<LogLine> lines;

	private final Map<Key, List<Frame>> made = new HashMap<>();

	SharedFrames(LinePipeline pipeline, List<LogLine> lines) {
		this.pipeline = pipeline;
		this.lines = lines;
	}

	/** The frames of the lines strictly after {@code position} that {@code filter} keeps; none if no line is after it. */
	List<Frame> after(Cursor position, LineFilter filter) {
		int first = firstAfter(this.lines, position);
		if (first == this.lines.size()) {
			return List.of();
		}
		return this.made.computeIfAbsent(new Key(filter, first),
				(key) -> this.pipeline.frames(this.lines.subList(first, this.lines.size()), filter));
	}

	/** The index of the first line after {@code position} (the lines are in cursor order). */
	static int firstAfter(List<LogLine> lines, Cursor position) {
		if (lines.isEmpty() || position == null || position.compareTo(lines.get(0).cursor()) < 0) {
			return 0;
		}
		int low = 0;
		int high = lines.size();
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (lines.get(middle).cursor().compareTo(position) > 0) {
				high = middle;
			}
			else {
				low = middle + 1;
			}
		}
		return low;
	}

	private record Key(LineFilter filter, int firstLine) {
	}

}
