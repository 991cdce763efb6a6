package io.envstream.processor.topology;

import java.time.Duration;
import java.util.List;

import com.google.re2j.Pattern;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A raw record holds many consecutive lines of one container (or, from an older collector, one line): its lines are
 * filtered, redacted and batched in turn, a record may end one batch and open the next, and what is still open of
 * it survives a restart.
 */
class RawRecordTests {

	private static final BatchLimits THREE_LINES = new BatchLimits(3, Duration.ofMillis(100), 256 * 1024);

	@Test
	void inABacklogARecordIsSplitAcrossBatchesAndOnlyItsOpenLinesStayStored() {
		try (TopologyFixture topology = new TopologyFixture(THREE_LINES, LineRules.defaults())) {
			topology.fallBehind();
			topology.line("env-a", "open");
			topology.line("env-a", "joins");
			topology.record("env-a", "r1", "r2", "r3", "r4", "r5");

			var store = topology.driver.<Long, LogBatch>getKeyValueStore(LogTopology.OPEN_LINES_STORE);
			assertThat(store.get(0L)).as("its batch left").isNull();
			assertThat(store.get(2L).getEntries()).extracting(LogEntry::getMessage).containsExactly("r5");
			topology.advance(100);

			List<LogBatch> batches = topology.batches();
			assertThat(batches).extracting(topology::messages)
				.containsExactly(List.of("open", "joins", "r1"), List.of("r2", "r3", "r4"), List.of("r5"));
			// the source offsets are those of the records holding a batch's first and last line
			assertThat(batches).extracting(LogBatch::getSourceFirstOffset, LogBatch::getSourceLastOffset)
				.containsExactly(tuple(0L, 2L), tuple(2L, 2L), tuple(2L, 2L));
			assertThat(store.get(2L)).isNull();
			assertThat(topology.counter("envstream.processor.records.in")).isEqualTo(7);
			assertThat(topology.counter("envstream.processor.records.out")).isEqualTo(7);
		}
	}

	@Test
	void caughtUpRecordLeavesAtOnceInBatchesWithinTheLimits() {
		try (TopologyFixture topology = new TopologyFixture(THREE_LINES, LineRules.defaults())) {
			topology.record("env-a", "1", "2", "3", "4", "5", "6", "7");

			assertThat(topology.batches()).extracting(topology::messages)
				.containsExactly(List.of("1", "2", "3"), List.of("4", "5", "6"), List.of("7"));
			assertThat(topology.driver.<Long, LogBatch>getKeyValueStore(LogTopology.OPEN_LINES_STORE)
				.approximateNumEntries()).isZero();
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "lines")).isEqualTo(2);
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "record")).isEqualTo(1);
		}
	}

	@Test
	void singleLineRecordsOfOlderCollectorsAndRecordsOfManyLinesFlowInTheOrderTheyWereRead() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.legacyLine("env-a", "old 1");
			topology.record("env-a", "new 1", "new 2");
			topology.legacyLine("env-a", "old 2");
			topology.record("env-a", "new 3");
			topology.advance(100);

			List<LogBatch> batches = topology.batches();
			assertThat(batches).flatExtracting(LogBatch::getEntries)
				.extracting(LogEntry::getMessage, LogEntry::getSeq, LogEntry::getContainerId)
				.containsExactly(tuple("old 1", 0L, "c-env-a"), tuple("new 1", 1L, "c-env-a"),
						tuple("new 2", 2L, "c-env-a"), tuple("old 2", 3L, "c-env-a"), tuple("new 3", 4L, "c-env-a"));
			assertThat(batches).extracting(LogBatch::getSourceFirstOffset, LogBatch::getSourceLastOffset)
				.containsExactly(tuple(0L, 0L), tuple(1L, 1L), tuple(2L, 2L), tuple(3L, 3L));
		}
	}

	@Test
	void filterDropsLinesOfARecordAndTheOthersFlow() {
		try (TopologyFixture topology = new TopologyFixture(TopologyFixture.LIMITS,
				List.of(new DropRule(Pattern.compile("^DEBUG"), null)), List.of())) {
			topology.record("env-a", "INFO one", "DEBUG two", "INFO three", "DEBUG four");

			assertThat(topology.batches()).extracting(topology::messages)
				.containsExactly(List.of("INFO one", "INFO three"));
		}
	}

	@Test
	void restartWithABatchHoldingPartOfARecordLosesAndRepeatsNoLine() {
		// given, in a backlog, a batch that left with the first lines of a record, and its last lines in the open batch
		MockedBatcher before = new MockedBatcher(THREE_LINES);
		before.process("env-a", 0, 2000, 0, "alone");
		before.process("env-a", 1, 2010, 0, "open");
		before.process("env-a", 2, 2020, 0, "r1", "r2", "r3");
		assertThat(before.batches()).extracting(this::messages).containsExactly(List.of("alone", "open", "r1"));

		// when the task restarts from what it committed, before the open batch's window ends
		MockedBatcher after = before.restarted();
		assertThat(after.ticking()).hasSize(1);
		after.process("env-a", 3, 2030, 2030, "next");

		// then the open lines leave once, in order, and the batches of both runs hold every line once
		assertThat(after.batches()).singleElement().satisfies((batch) -> {
			assertThat(messages(batch)).containsExactly("r2", "r3", "next");
			assertThat(batch.getSourceFirstOffset()).isEqualTo(2L);
			assertThat(batch.getSourceLastOffset()).isEqualTo(3L);
		});
		assertThat(after.openLines.approximateNumEntries()).isZero();
	}

	@Test
	void caughtUpRecordThatWouldTakeTheBacklogsOpenBatchPastTheLineLimitClosesItFirstSoItsLinesLeaveTogether() {
		MockedBatcher batcher = new MockedBatcher(THREE_LINES);
		batcher.process("env-a", 0, 2000, 0, "a1", "a2");
		batcher.process("env-a", 1, 2010, 2010, "b1", "b2");

		assertThat(batcher.batches()).extracting(this::messages)
			.containsExactly(List.of("a1", "a2"), List.of("b1", "b2"));
		assertThat(batcher.openLines.approximateNumEntries()).isZero();
	}

	@Test
	void inABacklogARecordTopsUpTheOpenBatchToTheLineLimit() {
		// lines read two seconds after they were written: full batches matter more than a window's wait
		MockedBatcher batcher = new MockedBatcher(THREE_LINES);
		batcher.process("env-a", 0, 2000, 0, "a1");
		batcher.process("env-a", 1, 2010, 10, "b1", "b2", "b3");

		assertThat(batcher.batches()).extracting(this::messages).containsExactly(List.of("a1", "b1", "b2"));
		assertThat(batcher.openLines.approximateNumEntries()).as("b3, still open").isEqualTo(1);
	}

	private List<String> messages(LogBatch batch) {
		return batch.getEntries().stream().map(LogEntry::getMessage).toList();
	}

}
