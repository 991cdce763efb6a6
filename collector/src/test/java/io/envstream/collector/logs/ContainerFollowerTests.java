package io.envstream.collector.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ContainerFollowerTests {

	private static final long SECOND = 1_000_000_000L;

	private static final long T = 1_700_000_000L * SECOND + 5;

	private final ScriptedLog log = new ScriptedLog();

	private final Shipped shipped = new Shipped();

	@Test
	void resumesAfterACheckpointAmongRecordsWithTheSameTimestamp() {
		// given a log whose first line came in three pieces sharing one timestamp, then two lines
		this.log.add(record(Stream.STDOUT, T, "a".repeat(Records.PIECE), true));
		this.log.add(record(Stream.STDOUT, T, "b".repeat(Records.PIECE), true));
		this.log.add(record(Stream.STDOUT, T, "c", false));
		this.log.add(record(Stream.STDERR, T + 1, "second", false));
		this.log.add(record(Stream.STDOUT, T + SECOND, "third", false));

		// when a follower resumes from the checkpoint of the first line (its third record at T), seq 5
		follower(new ReadPosition(T, 3), 5).run();

		// then only the lines after it go out, numbered on
		assertThat(this.shipped.lines).extracting((l) -> l.line().message(), Shipped.Entry::seq)
			.containsExactly(tuple("second", 6L), tuple("third", 7L));
		assertThat(this.shipped.gone).isTrue();
	}

	@Test
	void readsOnAfterTheLogEndedWithoutRepeatingALine() {
		// given a log read once (the container stopped), then written again after a restart
		this.log.add(record(Stream.STDOUT, T, "one", false));
		this.log.add(record(Stream.STDOUT, T + 1, "two", false));
		this.log.beforeOpen(2, () -> this.log.add(record(Stream.STDOUT, T + 2, "three", false)));

		// when the follower reads it twice, from the second of the last record each time
		follower(ReadPosition.START, 0).run();

		// then every line went out once, in order
		assertThat(this.shipped.lines).extracting((l) -> l.line().message(), Shipped.Entry::seq)
			.containsExactly(tuple("one", 1L), tuple("two", 2L), tuple("three", 3L));
		assertThat(this.shipped.lines.get(2).line().position()).isEqualTo(new ReadPosition(T + 2, 1));
	}

	@Test
	void mergesPiecesAndKeepsStreamsApart() {
		this.log.add(record(Stream.STDOUT, T, "x".repeat(Records.PIECE), true));
		this.log.add(record(Stream.STDERR, T + 1, "err", false));
		this.log.add(record(Stream.STDOUT, T, "end", false));

		follower(ReadPosition.START, 0).run();

		assertThat(this.shipped.lines).extracting((l) -> l.line().stream(), (l) -> l.line().message().length())
			.containsExactly(tuple(Stream.STDERR, 3), tuple(Stream.STDOUT, Records.PIECE + 3));
	}

	private ContainerFollower follower(ReadPosition position, long seq) {
		return new ContainerFollower("c1", "env", false, position, null, seq, 1024 * 1024, this.log, this.shipped,
				this.log::state);
	}

	private static LogRecord record(Stream stream, long timestamp, String text, boolean partial) {
		return new LogRecord(stream, timestamp, text.getBytes(StandardCharsets.UTF_8), partial);
	}

	/** A container's log as the engine keeps it; the container runs for two reads, then is removed. */
	private static final class ScriptedLog implements LogSource {

		private final List<LogRecord> records = new ArrayList<>();

		private final Deque<ContainerState> states = new ArrayDeque<>(
				List.of(ContainerState.RUNNING, ContainerState.RUNNING, ContainerState.GONE));

		private int opens;

		private int runActionAtOpen = -1;

		private Runnable action;

		void add(LogRecord record) {
			this.records.add(record);
		}

		void beforeOpen(int open, Runnable action) {
			this.runActionAtOpen = open;
			this.action = action;
		}

		ContainerState state(String containerId) {
			return this.states.isEmpty() ? ContainerState.GONE : this.states.pop();
		}

		@Override
		public LogReader open(String containerId, boolean tty, ReadPosition read, FilePosition near,
				boolean follow) {
			this.opens++;
			if (this.opens == this.runActionAtOpen) {
				this.action.run();
			}
			Iterator<LogRecord> iterator = List.copyOf(this.records).stream()
				.filter((r) -> r.timestampNanos() / SECOND >= read.epochSecond())
				.iterator();
			return new LogReader() {
				@Override
				public LogRecord next() {
					return iterator.hasNext() ? iterator.next() : null;
				}

				@Override
				public void close() {
				}
			};
		}

	}

	private static final class Shipped implements LineSink {

		record Entry(long seq, LogLine line) {
		}

		private final List<Entry> lines = new CopyOnWriteArrayList<>();

		private volatile boolean gone;

		@Override
		public void ship(String envId, String containerId, long seq, LogLine line) {
			this.lines.add(new Entry(seq, line));
		}

		@Override
		public void containerGone(String containerId, boolean complete) {
			this.gone = true;
		}

	}

}
