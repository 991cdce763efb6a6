package io.envstream.processor.topology;

import java.time.Duration;
import java.util.List;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
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

	private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();

	private final LineBatcher batcher = new LineBatcher(new BatchLimits(3, Duration.ofMillis(100), 1024),
			new LineRules(List.of(), List.of(), true, new ScanLimit(LineRules.DEFAULT_SCAN_CHARS)),
			new TopologyMetrics(new SimpleMeterRegistry()),
			new LineBatcher.Names("logs", "dead-letters", LogTopology.OPEN_LINES_STORE,
					LogTopology.PRIVATE_KEY_BLOCKS_STORE));

	private long offset;

	@BeforeEach
	void init() {
		KeyValueStore<Long, LogBatch> openLines = Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LogTopology.OPEN_LINES_STORE), Serdes.Long(),
					Topics.LOGS.valueSerde())
			.withLoggingDisabled()
			.build();
		KeyValueStore<String, Integer> privateKeyBlocks = Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LogTopology.PRIVATE_KEY_BLOCKS_STORE), Serdes.String(),
					Serdes.Integer())
			.withLoggingDisabled()
			.build();
		openLines.init(this.context.getStateStoreContext(), openLines);
		privateKeyBlocks.init(this.context.getStateStoreContext(), privateKeyBlocks);
		this.context.addStateStore(openLines);
		this.context.addStateStore(privateKeyBlocks);
		this.batcher.init(this.context);
	}

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

		punctuate(100);
		assertThat(this.context.committed()).as("a tick before the window ends").isFalse();
		punctuate(110);

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

	private List<MockProcessorContext.CapturedPunctuator> ticking() {
		return this.context.scheduledPunctuators().stream().filter((tick) -> !tick.cancelled()).toList();
	}

	/** A line read at {@code atMillis}, written at the same time. */
	private void line(String message, long atMillis) {
		line(message, atMillis, atMillis);
	}

	private void line(String message, long atMillis, long writtenAtMillis) {
		this.context.setCurrentSystemTimeMs(atMillis);
		this.context.setRecordMetadata(Topics.LOGS_RAW.name(), 0, this.offset++);
		LogEvent event = new LogEvent(ENVIRONMENT, "host-1", "container-1", Stream.STDOUT,
				writtenAtMillis * 1_000_000, this.offset, message, false);
		this.batcher.process(new Record<>(ENVIRONMENT, event, atMillis));
	}

	private void punctuate(long atMillis) {
		this.context.setCurrentSystemTimeMs(atMillis);
		assertThat(ticking()).hasSize(1);
		ticking().get(0).getPunctuator().punctuate(atMillis);
	}

}
