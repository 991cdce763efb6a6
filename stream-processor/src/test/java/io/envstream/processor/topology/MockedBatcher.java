package io.envstream.processor.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A {@link LineBatcher} driven by a {@link MockProcessorContext} over real in-memory stores, for what the
 * {@link org.apache.kafka.streams.TopologyTestDriver} hides: the commits it asks for, and a restart of its task with
 * the stores as their changelog restores them.
 */
final class MockedBatcher {

	static final String LOGS = "logs";

	final MockProcessorContext<String, Object> context = new MockProcessorContext<>();

	final KeyValueStore<Long, LogBatch> openLines;

	private final KeyValueStore<String, Integer> privateKeyBlocks;

	private final BatchLimits limits;

	private long seq;

	/** When each punctuation was scheduled, so {@link #advanceTo} runs them when due. */
	private final Map<MockProcessorContext.CapturedPunctuator, Long> scheduledAt = new IdentityHashMap<>();

	final LineBatcher batcher;

	MockedBatcher(BatchLimits limits) {
		this.limits = limits;
		this.openLines = Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LogTopology.OPEN_LINES_STORE), Serdes.Long(),
					Topics.LOGS.valueSerde())
			.withLoggingDisabled()
			.build();
		this.privateKeyBlocks = Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LogTopology.PRIVATE_KEY_BLOCKS_STORE), Serdes.String(),
					Serdes.Integer())
			.withLoggingDisabled()
			.build();
		this.openLines.init(this.context.getStateStoreContext(), this.openLines);
		this.privateKeyBlocks.init(this.context.getStateStoreContext(), this.privateKeyBlocks);
		this.batcher = start();
	}

	private MockedBatcher(MockedBatcher crashed) {
		this.limits = crashed.limits;
		this.openLines = crashed.openLines;
		this.privateKeyBlocks = crashed.privateKeyBlocks;
		this.seq = crashed.seq;
		// restarted at once: the stored lines' check is scheduled from the time the crashed task last saw
		this.context.setCurrentSystemTimeMs(crashed.context.currentSystemTimeMs());
		this.batcher = start();
	}

	/**
	 * The task started anew over the stores as they are now: under exactly-once what the changelog restores, since
	 * the stores' writes commit with the input offsets, so a test calls it where a commit just happened.
	 */
	MockedBatcher restarted() {
		return new MockedBatcher(this);
	}

	private LineBatcher start() {
		this.context.addStateStore(this.openLines);
		this.context.addStateStore(this.privateKeyBlocks);
		LineBatcher started = new LineBatcher(this.limits,
				new LineRules(List.of(), List.of(), true, new ScanLimit(LineRules.DEFAULT_SCAN_CHARS)),
				new TopologyMetrics(new SimpleMeterRegistry()), new LineBatcher.Names(LOGS, "dead-letters",
						LogTopology.OPEN_LINES_STORE, LogTopology.PRIVATE_KEY_BLOCKS_STORE));
		started.init(this.context);
		noteScheduled();
		return started;
	}

	/**
	 * Has the batcher process a record of {@code messages}, consecutive lines of container {@code c-1} of
	 * {@code environmentId}, read at {@code offset} and {@code atMillis} and written at {@code writtenAtMillis}.
	 */
	void process(String environmentId, long offset, long atMillis, long writtenAtMillis, String... messages) {
		this.context.setCurrentSystemTimeMs(atMillis);
		this.context.setRecordMetadata(Topics.LOGS_RAW.name(), 0, offset);
		List<RawLine> lines = new ArrayList<>();
		for (String message : messages) {
			lines.add(new RawLine(Stream.STDOUT, writtenAtMillis * 1_000_000, this.seq++, message, false));
		}
		this.batcher.process(new Record<>(environmentId, new LogEventBatch(environmentId, "host-1", "c-1", lines),
				atMillis));
		noteScheduled();
	}

	/** The batches sent so far. */
	List<LogBatch> batches() {
		return this.context.forwarded(LOGS).stream().map((sent) -> (LogBatch) sent.record().value()).toList();
	}

	List<MockProcessorContext.CapturedPunctuator> ticking() {
		return this.context.scheduledPunctuators().stream().filter((tick) -> !tick.cancelled()).toList();
	}

	/** Moves the wall clock to {@code atMillis}, running each punctuation due by then in order, as Kafka Streams does. */
	void advanceTo(long atMillis) {
		while (true) {
			MockProcessorContext.CapturedPunctuator next = ticking().stream()
				.min(Comparator.comparingLong(this::dueAt))
				.filter((punctuation) -> dueAt(punctuation) <= atMillis)
				.orElse(null);
			if (next == null) {
				break;
			}
			long due = dueAt(next);
			this.context.setCurrentSystemTimeMs(due);
			next.getPunctuator().punctuate(due);
			// one still scheduled repeats at its interval
			this.scheduledAt.put(next, due);
			noteScheduled();
		}
		this.context.setCurrentSystemTimeMs(atMillis);
	}

	private long dueAt(MockProcessorContext.CapturedPunctuator punctuation) {
		return this.scheduledAt.get(punctuation) + punctuation.getInterval().toMillis();
	}

	private void noteScheduled() {
		this.context.scheduledPunctuators()
			.forEach((punctuation) -> this.scheduledAt.putIfAbsent(punctuation, this.context.currentSystemTimeMs()));
	}

}
