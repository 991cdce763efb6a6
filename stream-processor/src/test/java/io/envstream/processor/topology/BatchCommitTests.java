package io.envstream.processor.topology;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A closed batch asks the stream thread for a commit, so {@code read_committed} readers see it without waiting
 * for {@code commit.interval.ms}, unless the lines come from a backlog (a commit per batch would slow catching up
 * to the broker's transactions); a line that only joins an open batch asks for none, and the time check (whose
 * every run marks the task as needing a commit) runs only while a batch is open. The driver of the other topology
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
	void batchClosedByItsLineCountAsksForACommitAndTheLinesBeforeItDoNot() {
		line("alone", 0);
		this.context.resetCommit();

		line("first", 10);
		line("second", 20);
		assertThat(this.context.committed()).as("lines waiting in an open batch").isFalse();

		line("third", 30);
		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void batchClosedByTimeAsksForACommit() {
		line("alone", 0);
		line("waiting", 10);
		this.context.resetCommit();

		punctuate(99);
		assertThat(this.context.committed()).as("a check before the window ends").isFalse();
		punctuate(100);

		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void inABacklogAClosedBatchLeavesTheCommitToTheInterval() {
		line("alone", 0);
		this.context.resetCommit();

		// written a second before they are read: the processor is catching up
		line("first, alone", 2000, 1000);
		line("second", 2001, 1000);
		line("third", 2002, 1000);
		line("fourth, closes by count", 2003, 1000);
		assertThat(this.context.forwarded("logs")).hasSize(3);
		assertThat(this.context.committed()).isFalse();

		line("caught up", 2010, 2005);
		punctuate(2110);
		assertThat(this.context.forwarded("logs")).hasSize(4);
		assertThat(this.context.committed()).isTrue();
	}

	@Test
	void timeIsCheckedOnlyWhileABatchIsOpen() {
		assertThat(ticking()).as("nothing open").isEmpty();
		line("alone", 0);
		assertThat(ticking()).as("a line that left alone").isEmpty();

		line("waiting", 10);
		assertThat(ticking()).hasSize(1);
		punctuate(110);

		assertThat(this.context.forwarded("logs")).hasSize(2);
		assertThat(ticking()).as("the last open batch closed").isEmpty();
		line("after a quiet window", 300);
		line("opens the next batch", 310);
		assertThat(ticking()).hasSize(1);
	}

	@Test
	void timeIsCheckedAtTheEndOfTheWindowTheBatchOpenedIn() {
		line("alone", 0);
		line("opens a batch", 30);
		assertThat(ticking()).singleElement().satisfies((tick) -> assertThat(tick.getInterval()).hasMillis(70));

		punctuate(70);
		assertThat(this.context.forwarded("logs")).as("a check before the window ends").hasSize(1);
		assertThat(ticking()).as("checked again at the window end").singleElement()
			.satisfies((tick) -> assertThat(tick.getInterval()).hasMillis(30));
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
