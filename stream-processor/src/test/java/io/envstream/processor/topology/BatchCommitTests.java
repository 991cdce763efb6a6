package io.envstream.processor.topology;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line that leaves alone on an idle environment asks the stream thread for a commit at once, so
 * {@code read_committed} readers see it without waiting; every other batch is committed at the end of its window,
 * where the open batches of that window close too, so the thread commits once per window rather than once per
 * batch; in a backlog a lone line waits for its window's end as well. The time check (whose every run marks the
 * task as needing a commit) runs only while a batch is open or a commit is due. The driver of the other topology
 * tests commits after every record, so these drive {@link LineBatcher} with a mock context.
 */
class BatchCommitTests {

	private static final String ENVIRONMENT = "env-a";

	private final MockedBatcher batcher = new MockedBatcher(new BatchLimits(3, Duration.ofMillis(100), 1024));

	private final MockProcessorContext<String, Object> context = this.batcher.context;

	private long offset;

	@Test
	void lineOnAnIdleEnvironmentAsksForACommit() {
		line("alone", 0);

		assertThat(this.context.forwarded("logs")).hasSize(1);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void batchClosedByItsLineCountIsCommittedAtTheEndOfItsWindow() {
		line("alone", 0);
		this.context.resetCommit();

		line("first", 10);
		line("second", 20);
		line("third, closes by count", 30);
		line("fourth", 40);
		line("fifth", 50);
		line("sixth, closes by count", 60);
		assertThat(this.context.forwarded("logs")).hasSize(3);
		assertThat(this.context.committed()).as("batches sent within the window").isFalse();

		punctuate(99);
		assertThat(this.context.committed()).as("a tick before the window ends").isFalse();
		punctuate(100);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void batchClosedByTimeAsksForACommit() {
		line("alone", 0);
		line("waiting", 10);
		this.context.resetCommit();

		punctuate(99);
		assertThat(this.context.committed()).as("a tick before the window ends").isFalse();
		punctuate(100);

		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void batchClosedAfterItsWindowEndedIsCommittedAtOnce() {
		line("alone", 0);
		line("opens a batch", 10);
		this.context.resetCommit();

		// the thread was busy past the window's end: this record comes before the tick that would close the batch
		line("second", 120);
		line("third, closes by count", 120);

		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void inABacklogALoneLineWaitsForTheEndOfItsWindow() {
		line("alone", 0);
		this.context.resetCommit();

		// written a second before it is read, on an environment quiet for longer than a window: catching up
		line("alone, from a backlog", 2010, 1010);
		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(this.context.committed()).isFalse();

		punctuate(2100);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void timeIsCheckedOnlyWhileABatchIsOpenOrACommitIsDue() {
		assertThat(ticking()).as("nothing open").isEmpty();
		line("alone", 0);
		assertThat(ticking()).as("a line that left alone, committed at once").isEmpty();

		line("waiting", 10);
		assertThat(ticking()).hasSize(1);
		punctuate(100);

		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(ticking()).as("the last open batch closed and committed").isEmpty();
		line("after a quiet window", 300);
		line("opens the next batch", 310);
		line("one more", 320);
		line("closes it by count", 330);
		assertThat(ticking()).as("a batch sent, its commit due at its window's end").hasSize(1);
		punctuate(400);
		assertThat(ticking()).isEmpty();
	}

	private List<MockProcessorContext.CapturedPunctuator> ticking() {
		return this.batcher.ticking();
	}

	/** A line read at {@code atMillis}, written at the same time. */
	private void line(String message, long atMillis) {
		line(message, atMillis, atMillis);
	}

	private void line(String message, long atMillis, long writtenAtMillis) {
		this.batcher.process(ENVIRONMENT, this.offset++, atMillis, writtenAtMillis, message);
	}

	private void punctuate(long atMillis) {
		assertThat(ticking()).hasSize(1);
		this.batcher.punctuate(atMillis);
	}

}
