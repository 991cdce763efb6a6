package io.envstream.gateway.logs;

import java.util.List;
import java.util.Map;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.cursor.Cursor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PositionsTests {

	private static LogBatch batch(Stream... streams) {
		List<LogEntry> entries = new java.util.ArrayList<>();
		for (int i = 0; i < streams.length; i++) {
			entries.add(new LogEntry(streams[i], 1L, "c", "h", (long) i, "m" + i, Map.of()));
		}
		return new LogBatch("env", entries, 0, 0L, 0L);
	}

	@Test
	void placesTheStartJustBeforeAnOffsetOrACursor() {
		assertThat(Positions.before(3, 0)).isNull();
		assertThat(Positions.before(3, 10)).isEqualTo(new Cursor(3, 9, Integer.MAX_VALUE));
		assertThat(Positions.before(new Cursor(3, 10, 4))).isEqualTo(new Cursor(3, 10, 3));
		assertThat(Positions.before(new Cursor(3, 10, 0))).isEqualTo(new Cursor(3, 9, Integer.MAX_VALUE));
		assertThat(Positions.seekOffset(new Cursor(3, 10, 4))).isEqualTo(10);
		assertThat(Positions.seekOffset(null)).isZero();
	}

	@Test
	void keepsOnlyLinesStrictlyAfterTheCursorAtTheirPositions() {
		List<LogLine> lines = Positions.lines(batch(Stream.STDOUT, Stream.STDERR, Stream.STDOUT), 1, 40,
				new Cursor(1, 40, 0));
		assertThat(lines).extracting(LogLine::cursor).containsExactly(new Cursor(1, 40, 1), new Cursor(1, 40, 2));
		assertThat(lines).extracting(LogLine::stream).containsExactly("stderr", "stdout");
	}

	@Test
	void framesWhatTheFilterKeepsAndStandsForTheRest() {
		List<LogLine> lines = Positions.lines(batch(Stream.STDOUT, Stream.STDERR, Stream.STDOUT), 1, 40, null);
		List<Frame> stderr = Positions.frames(lines, LineFilter.ALL.withStream("stderr"), 100, 1 << 20);
		assertThat(stderr).extracting(Frame::lines).containsExactly(1, 0);
		assertThat(stderr.get(1).last()).isEqualTo(new Cursor(1, 40, 2));
		assertThat(stderr.get(1).json()).isNull();
		List<Frame> none = Positions.frames(lines, LineFilter.ALL.withGrep(GrepPattern.compile("nothing", 1000)), 100,
				1 << 20);
		assertThat(none).containsExactly(Frame.skipped(new Cursor(1, 40, 2)));
	}

}
