package io.envstream.processor.topology;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch that leaves while the processor is caught up asks the stream thread for a commit, so {@code read_committed}
 * readers see it without waiting for {@code commit.interval.ms}; in a backlog nothing does (a commit per batch would
 * slow catching up to the broker's transactions), and the time check (whose every run marks the task as needing a
 * commit) runs only while a batch is open. The driver of the other topology tests commits after every record, so
 * these drive {@link LineBatcher} with a mock context.
 */
class BatchCommitTests {

	private static final String ENVIRONMENT = "env-a";

	/** Lines read this long after they were written come from a backlog. */
	private static final long BEHIND = 10_000;

	private final MockedBatcher batcher = new MockedBatcher(new BatchLimits(3, Duration.ofMillis(100), 1024));

	private final MockProcessorContext<String, Object> context = this.batcher.context;

	private long offset;

	@Test
	void caughtUpRecordAsksForACommit() {
		line("live", 0);

		assertThat(this.context.forwarded("logs")).hasSize(1);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void inABacklogAClosedBatchLeavesTheCommitToTheInterval() {
		lineFromTheBacklog("first", BEHIND);
		lineFromTheBacklog("second", BEHIND + 1);
		assertThat(this.context.committed()).as("lines waiting in an open batch").isFalse();
		lineFromTheBacklog("third, closes by count", BEHIND + 2);
		assertThat(this.context.forwarded("logs")).hasSize(1);
		assertThat(this.context.committed()).isFalse();

		line("caught up", BEHIND + 10);
		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void batchClosedByTimeOnceCaughtUpAsksForACommit() {
		lineFromTheBacklog("waiting", BEHIND);
		this.batcher.process("env-b", this.offset++, BEHIND + 10, BEHIND + 10, "another environment, live");
		this.context.resetCommit();

		punctuate(BEHIND + 99);
		assertThat(this.context.committed()).as("a check before the window ends").isFalse();
		punctuate(BEHIND + 100);

		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void timeIsCheckedOnlyWhileABatchIsOpen() {
		assertThat(ticking()).as("nothing open").isEmpty();
		line("live", 0);
		assertThat(ticking()).as("a record that left at once").isEmpty();

		lineFromTheBacklog("waiting", BEHIND);
		assertThat(ticking()).hasSize(1);
		punctuate(BEHIND + 100);

		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(ticking()).as("the last open batch closed").isEmpty();
	}

	@Test
	void timeIsCheckedAtTheEndOfTheWindowTheBatchOpenedIn() {
		lineFromTheBacklog("opens a batch", BEHIND + 30);
		assertThat(ticking()).singleElement().satisfies((tick) -> assertThat(tick.getInterval()).hasMillis(70));

		punctuate(BEHIND + 70);
		assertThat(this.context.forwarded("logs")).as("a check before the window ends").isEmpty();
		assertThat(ticking()).as("checked again at the window end").singleElement()
			.satisfies((tick) -> assertThat(tick.getInterval()).hasMillis(30));
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

	private void punctuate(long atMillis) {
		assertThat(ticking()).hasSize(1);
		this.batcher.punctuate(atMillis);
	}

}
