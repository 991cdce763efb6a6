package io.envstream.processor.topology;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch that leaves while the processor is caught up asks the stream thread for a commit at the next commit tick
 * ({@link LineBatcher#COMMIT_TICK}), so {@code read_committed} readers see it without waiting for
 * {@code commit.interval.ms}, and the batches that leave before the tick share that commit; in a backlog a batch
 * closed by its count asks for none while lines keep coming (a commit per batch would slow catching up to the
 * broker's transactions), one closed at its window's end does (its environment's lines stopped coming), and so does
 * a window without a record after a batch left; the time check (whose every run marks the task as needing a commit)
 * runs only while a batch is open or waits for the interval. The driver of the other topology tests
 * commits after every record, so these drive {@link LineBatcher} with a mock context.
 */
class BatchCommitTests {

	private static final String ENVIRONMENT = "env-a";

	/** Lines read this long after they were written come from a backlog. */
	private static final long BEHIND = 10_000;

	private final MockedBatcher batcher = new MockedBatcher(new BatchLimits(3, Duration.ofMillis(100), 1024));

	private final MockProcessorContext<String, Object> context = this.batcher.context;

	private long offset;

	@Test
	void caughtUpRecordLeavesAtOnceAndIsCommittedAtTheNextTick() {
		line("live", 5);
		assertThat(this.context.forwarded("logs")).hasSize(1);
		this.batcher.advanceTo(19);
		assertThat(this.context.committed()).as("before the tick").isFalse();

		this.batcher.advanceTo(20);
		assertThat(this.context.committed()).isTrue();
		assertThat(ticking()).as("nothing more to commit").isEmpty();
	}

	@Test
	void batchesThatLeaveBeforeTheTickShareItsCommit() {
		line("first", 2);
		line("second", 11);
		assertThat(ticking()).as("one commit asked for").hasSize(1);

		this.batcher.advanceTo(20);
		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void inABacklogBatchesClosedByCountLeaveTheCommitToTheIntervalWhileLinesKeepComing() {
		for (long window = 0; window < 5; window++) {
			long at = BEHIND + 100 * window + 10;
			lineFromTheBacklog("first", at);
			lineFromTheBacklog("second", at + 1);
			lineFromTheBacklog("third, closes by count", at + 2);
			this.batcher.advanceTo(at + 99);
			assertThat(this.context.committed()).as("window %d", window).isFalse();
		}
		assertThat(this.context.forwarded("logs")).hasSize(5);

		line("caught up", BEHIND + 1010);
		this.batcher.advanceTo(BEHIND + 1020);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void theLastBatchesOfABacklogAreCommittedOnceTheTasksInputWasQuietForAWindow() {
		lineFromTheBacklog("first", BEHIND + 10);
		lineFromTheBacklog("second", BEHIND + 11);
		lineFromTheBacklog("third, closes by count", BEHIND + 12);
		assertThat(this.context.forwarded("logs")).hasSize(1);

		// the window end at +100 is within a window of the last record; the one at +200 is not
		assertCommittedAt(BEHIND + 220);
		assertThat(ticking()).as("nothing open, nothing left for the interval").isEmpty();
	}

	@Test
	void theLastBatchOfABacklogClosedAtItsWindowsEndIsCommittedAtTheTickAfterNotAtTheInterval() {
		lineFromTheBacklog("first", BEHIND);
		lineFromTheBacklog("second", BEHIND + 1);
		lineFromTheBacklog("third, closes by count", BEHIND + 2);
		lineFromTheBacklog("the last of the backlog", BEHIND + 3);
		assertThat(this.context.forwarded("logs")).hasSize(1);
		assertThat(ticking()).as("no commit asked for by the batch closed by count").hasSize(1);

		this.batcher.advanceTo(BEHIND + 100);
		assertThat(this.context.forwarded("logs")).as("the last batch, closed at its window's end").hasSize(2);
		assertCommittedAt(BEHIND + 120);
		assertThat(ticking()).as("nothing open, nothing to commit").isEmpty();
	}

	@Test
	void batchClosedByTimeOnceCaughtUpIsCommittedAtTheTickAfter() {
		lineFromTheBacklog("waiting", BEHIND);
		this.batcher.process("env-b", this.offset++, BEHIND + 10, BEHIND + 10, "another environment, live");
		this.batcher.advanceTo(BEHIND + 20);
		this.context.resetCommit();

		this.batcher.advanceTo(BEHIND + 99);
		assertThat(this.context.forwarded("logs")).as("before the window ends").hasSize(1);
		this.batcher.advanceTo(BEHIND + 119);
		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(this.context.committed()).isFalse();
		this.batcher.advanceTo(BEHIND + 120);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void timeIsCheckedOnlyWhileABatchIsOpen() {
		assertThat(ticking()).as("nothing open").isEmpty();
		line("live", 0);
		this.batcher.advanceTo(20);
		assertThat(ticking()).as("a record that left at once, committed").isEmpty();

		lineFromTheBacklog("waiting", BEHIND);
		assertThat(ticking()).hasSize(1);
		this.batcher.advanceTo(BEHIND + 120);

		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(ticking()).as("the last open batch closed and committed").isEmpty();
	}

	@Test
	void timeIsCheckedAtTheEndOfTheWindowTheBatchOpenedIn() {
		lineFromTheBacklog("opens a batch", BEHIND + 30);
		assertThat(ticking()).singleElement().satisfies((tick) -> assertThat(tick.getInterval()).hasMillis(70));

		this.batcher.advanceTo(BEHIND + 99);
		assertThat(this.context.forwarded("logs")).as("before the window ends").isEmpty();
		this.batcher.advanceTo(BEHIND + 100);
		assertThat(this.context.forwarded("logs")).hasSize(1);
	}

	/** Nothing is committed before {@code tickMillis}; what left is at it. */
	private void assertCommittedAt(long tickMillis) {
		this.batcher.advanceTo(tickMillis - 1);
		assertThat(this.context.committed()).as("before %d", tickMillis).isFalse();
		this.batcher.advanceTo(tickMillis);
		assertThat(this.context.committed()).as("at %d", tickMillis).isTrue();
	}

	private List<MockProcessorContext.CapturedPunctuator> ticking() {
		return this.batcher.ticking();
	}

	/** A line read at {@code atMillis}, written at the same time. */
	private void line(String message, long atMillis) {
		this.batcher.process(ENVIRONMENT, this.offset++, atMillis, atMillis, message);
	}

	/** A line read at {@code atMillis}, written {@link #BEHIND} before. */
	private void lineFromTheBacklog(String message, long atMillis) {
		this.batcher.process(ENVIRONMENT, this.offset++, atMillis, atMillis - BEHIND, message);
	}

}
