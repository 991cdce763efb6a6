package io.envstream.processor.topology;

import java.time.Duration;
import java.util.List;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingTests {

	@Test
	void firstLineOnAnIdleEnvironmentLeavesAtOnceAlone() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "hello");

			List<LogBatch> batches = topology.batches();
			assertThat(batches).hasSize(1);
			assertThat(topology.messages(batches.get(0))).containsExactly("hello");
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "idle")).isEqualTo(1);
		}
	}

	@Test
	void linesFollowingTheFirstAreBatchedUntilTheWindowEnds() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "first");
			topology.batches();
			topology.advance(10);
			topology.line("env-a", "second");
			topology.advance(50);
			topology.line("env-a", "third");

			topology.advance(39);
			assertThat(topology.batches()).as("1 ms before the end of the window the batch opened in").isEmpty();
			topology.advance(1);
			List<LogBatch> batches = topology.batches();
			assertThat(batches).hasSize(1);
			assertThat(topology.messages(batches.get(0))).containsExactly("second", "third");
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "time")).isEqualTo(1);
		}
	}

	@Test
	void batchesOfEveryEnvironmentCloseTogetherAtTheEndOfTheWindowTheyOpenedIn() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "a alone");
			topology.advance(10);
			topology.line("env-a", "a opens a batch");
			topology.advance(40);
			topology.line("env-b", "b alone");
			topology.advance(45);
			topology.line("env-b", "b opens a batch late in the window");
			topology.batches();

			topology.advance(4);
			assertThat(topology.batches()).as("1 ms before the window ends").isEmpty();
			topology.advance(1);

			assertThat(topology.batches()).extracting(topology::messages)
				.containsExactlyInAnyOrder(List.of("a opens a batch"), List.of("b opens a batch late in the window"));
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "time")).isEqualTo(2);
		}
	}

	@Test
	void batchOfTheNextWindowClosesAtTheNextWindowEnd() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "alone");
			topology.batches();
			topology.advance(30);
			topology.line("env-a", "first window");
			topology.advance(70);
			assertThat(topology.batches()).extracting(topology::messages).containsExactly(List.of("first window"));

			topology.advance(20);
			topology.line("env-a", "second window");
			topology.advance(79);
			assertThat(topology.batches()).isEmpty();
			topology.advance(1);

			assertThat(topology.batches()).extracting(topology::messages).containsExactly(List.of("second window"));
		}
	}

	@Test
	void batchClosesAtTheHundredthLineWithoutWaiting() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "alone");
			topology.batches();
			topology.lines("env-a", 99);
			assertThat(topology.batches()).isEmpty();

			topology.line("env-a", "hundredth");

			List<LogBatch> batches = topology.batches();
			assertThat(batches).hasSize(1);
			assertThat(batches.get(0).getEntries()).hasSize(100);
			assertThat(topology.messages(batches.get(0))).last().isEqualTo("hundredth");
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "lines")).isEqualTo(1);
		}
	}

	@Test
	void batchClosesWhenItsMessagesReachTheByteLimit() {
		try (TopologyFixture topology = new TopologyFixture(new BatchLimits(100, Duration.ofMillis(100), 10),
				List.of(), List.of())) {
			topology.line("env-a", "alone");
			topology.line("env-a", "12345");
			assertThat(topology.batches()).hasSize(1);

			topology.line("env-a", "67890");

			List<LogBatch> batches = topology.batches();
			assertThat(batches).hasSize(1);
			assertThat(topology.messages(batches.get(0))).containsExactly("12345", "67890");
		}
	}

	@Test
	void lineThatWouldTakeTheOpenBatchPastTheByteLimitClosesItFirst() {
		try (TopologyFixture topology = new TopologyFixture(new BatchLimits(100, Duration.ofMillis(100), 10),
				List.of(), List.of())) {
			topology.line("env-a", "alone");
			topology.line("env-a", "1234");
			topology.line("env-a", "567890abc");
			topology.advance(100);

			assertThat(topology.batches()).extracting(topology::messages)
				.containsExactly(List.of("alone"), List.of("1234"), List.of("567890abc"));
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "bytes")).isEqualTo(1);
		}
	}

	@Test
	void byteLimitCountsTheMessagesInUtf8() {
		try (TopologyFixture topology = new TopologyFixture(new BatchLimits(100, Duration.ofMillis(100), 10),
				List.of(), List.of())) {
			topology.line("env-a", "alone");
			// five characters, ten bytes
			topology.line("env-a", "\u00e9\u00e9\u00e9\u00e9\u00e9");

			assertThat(topology.batches()).extracting(topology::messages)
				.containsExactly(List.of("alone"), List.of("\u00e9\u00e9\u00e9\u00e9\u00e9"));
		}
	}

	@Test
	void environmentQuietForAWholeWindowIsIdleAgain() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "one");
			topology.line("env-a", "two");
			topology.advance(100);
			assertThat(topology.batches()).hasSize(2);

			topology.advance(100);
			topology.line("env-a", "after a quiet window");

			assertThat(topology.batches()).singleElement()
				.satisfies((batch) -> assertThat(topology.messages(batch)).containsExactly("after a quiet window"));
		}
	}

	@Test
	void lineShortlyAfterAnotherWaitsForItsBatchEvenWhenNoBatchIsOpen() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "one");
			topology.batches();
			topology.advance(60);

			topology.line("env-a", "sixty ms later");

			assertThat(topology.batches()).isEmpty();
			topology.advance(100);
			assertThat(topology.batches()).hasSize(1);
		}
	}

	@Test
	void batchesNeverMixEnvironmentsAndAreKeyedByEnvironment() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			for (int i = 0; i < 5; i++) {
				topology.line("env-a", "a" + i);
				topology.line("env-b", "b" + i);
			}
			topology.advance(100);

			List<TestRecord<String, LogBatch>> records = topology.logs.readRecordsToList();
			assertThat(records).hasSize(4).allSatisfy((record) -> {
				assertThat(record.value().getEnvId()).isEqualTo(record.key());
				assertThat(record.value().getEntries()).extracting(LogEntry::getContainerId)
					.containsOnly("c-" + record.key());
			});
			assertThat(records).filteredOn((record) -> record.key().equals("env-b"))
				.flatExtracting((record) -> topology.messages(record.value()))
				.containsExactly("b0", "b1", "b2", "b3", "b4");
		}
	}

	@Test
	void keepsTheReadOrderAndTheSourceOffsetsOfEveryLine() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.lines("env-a", 250);
			topology.advance(100);

			List<LogBatch> batches = topology.batches();
			assertThat(batches).extracting((batch) -> batch.getEntries().size()).containsExactly(1, 100, 100, 49);
			assertThat(batches).flatExtracting(LogBatch::getEntries)
				.extracting(LogEntry::getSeq)
				.isSorted()
				.doesNotHaveDuplicates()
				.hasSize(250);
			assertThat(batches).extracting(LogBatch::getSourceFirstOffset, LogBatch::getSourceLastOffset)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 0L),
						org.assertj.core.groups.Tuple.tuple(1L, 100L), org.assertj.core.groups.Tuple.tuple(101L, 200L),
						org.assertj.core.groups.Tuple.tuple(201L, 249L));
			assertThat(topology.counter("envstream.processor.records.in")).isEqualTo(250);
			assertThat(topology.counter("envstream.processor.records.out")).isEqualTo(250);
		}
	}

	@Test
	void keepsOpenLinesInTheStateStoreUntilTheirBatchLeaves() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "alone");
			topology.line("env-a", "open 1");
			topology.line("env-a", "open 2");

			var store = topology.driver.<Long, LogBatch>getKeyValueStore(LogTopology.OPEN_LINES_STORE);
			assertThat(store.approximateNumEntries()).isEqualTo(2);
			assertThat(store.get(1L).getEntries()).extracting(LogEntry::getMessage).containsExactly("open 1");

			topology.advance(100);
			assertThat(topology.batches()).hasSize(2);
			assertThat(store.get(1L)).isNull();
			assertThat(store.get(2L)).isNull();
		}
	}

}
