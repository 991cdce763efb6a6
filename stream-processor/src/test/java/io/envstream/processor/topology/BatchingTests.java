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
	void caughtUpRecordLeavesAtOnceInOneBatch() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.record("env-a", "one", "two", "three");

			List<LogBatch> batches = topology.batches();
			assertThat(batches).extracting(topology::messages).containsExactly(List.of("one", "two", "three"));
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "record")).isEqualTo(1);
		}
	}

	@Test
	void everyCaughtUpRecordLeavesAtOnceHoweverSoonAfterTheLast() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "first");
			topology.advance(1);
			topology.line("env-a", "a millisecond later");

			assertThat(topology.batches()).extracting(topology::messages)
				.containsExactly(List.of("first"), List.of("a millisecond later"));
		}
	}

	@Test
	void inABacklogLinesOfSuccessiveRecordsAreBatchedUntilTheWindowEnds() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.fallBehind();
			topology.line("env-a", "first");
			topology.advance(50);
			topology.line("env-a", "second");
			topology.advance(49);
			assertThat(topology.batches()).as("1 ms before the end of the window the batch opened in").isEmpty();

			topology.advance(1);
			List<LogBatch> batches = topology.batches();
			assertThat(batches).extracting(topology::messages).containsExactly(List.of("first", "second"));
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "time")).isEqualTo(1);
		}
	}

	@Test
	void inABacklogBatchesOfEveryEnvironmentCloseTogetherAtTheEndOfTheWindowTheyOpenedIn() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.fallBehind();
			topology.advance(10);
			topology.line("env-a", "a opens a batch");
			topology.advance(85);
			topology.line("env-b", "b opens a batch late in the window");

			topology.advance(4);
			assertThat(topology.batches()).as("1 ms before the window ends").isEmpty();
			topology.advance(1);

			assertThat(topology.batches()).extracting(topology::messages)
				.containsExactlyInAnyOrder(List.of("a opens a batch"), List.of("b opens a batch late in the window"));
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "time")).isEqualTo(2);
		}
	}

	@Test
	void inABacklogTheBatchOfTheNextWindowClosesAtTheNextWindowEnd() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.fallBehind();
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
	void inABacklogABatchClosesAtTheHundredthLineWithoutWaiting() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.fallBehind();
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
	void caughtUpRecordOfMoreThanAHundredLinesLeavesAtOnceInFullBatches() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			String[] messages = new String[250];
			for (int i = 0; i < messages.length; i++) {
				messages[i] = "line " + i;
			}
			topology.record("env-a", messages);

			assertThat(topology.batches()).extracting((batch) -> batch.getEntries().size()).containsExactly(100, 100, 50);
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "lines")).isEqualTo(2);
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "record")).isEqualTo(1);
		}
	}

	@Test
	void batchClosesWhenItsMessagesReachTheByteLimit() {
		try (TopologyFixture topology = new TopologyFixture(new BatchLimits(100, Duration.ofMillis(100), 10),
				List.of(), List.of())) {
			topology.record("env-a", "12345", "67890", "next");

			assertThat(topology.batches()).extracting(topology::messages)
				.containsExactly(List.of("12345", "67890"), List.of("next"));
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "bytes")).isEqualTo(1);
		}
	}

	@Test
	void lineThatWouldTakeTheOpenBatchPastTheByteLimitClosesItFirst() {
		try (TopologyFixture topology = new TopologyFixture(new BatchLimits(100, Duration.ofMillis(100), 10),
				List.of(), List.of())) {
			topology.record("env-a", "1234", "567890abc");

			assertThat(topology.batches()).extracting(topology::messages)
				.containsExactly(List.of("1234"), List.of("567890abc"));
			assertThat(topology.counter("envstream.processor.batches", "closed.by", "bytes")).isEqualTo(1);
		}
	}

	@Test
	void byteLimitCountsTheMessagesInUtf8() {
		try (TopologyFixture topology = new TopologyFixture(new BatchLimits(100, Duration.ofMillis(100), 10),
				List.of(), List.of())) {
			// five characters, ten bytes
			topology.record("env-a", "\u00e9\u00e9\u00e9\u00e9\u00e9", "next");

			assertThat(topology.batches()).extracting(topology::messages)
				.containsExactly(List.of("\u00e9\u00e9\u00e9\u00e9\u00e9"), List.of("next"));
		}
	}

	@Test
	void batchesNeverMixEnvironmentsAndAreKeyedByEnvironment() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.fallBehind();
			for (int i = 0; i < 5; i++) {
				topology.line("env-a", "a" + i);
				topology.line("env-b", "b" + i);
			}
			topology.advance(100);

			List<TestRecord<String, LogBatch>> records = topology.logs.readRecordsToList();
			assertThat(records).hasSize(2).allSatisfy((record) -> {
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
			topology.fallBehind();
			topology.lines("env-a", 250);
			topology.advance(100);

			List<LogBatch> batches = topology.batches();
			assertThat(batches).extracting((batch) -> batch.getEntries().size()).containsExactly(100, 100, 50);
			assertThat(batches).flatExtracting(LogBatch::getEntries)
				.extracting(LogEntry::getSeq)
				.isSorted()
				.doesNotHaveDuplicates()
				.hasSize(250);
			assertThat(batches).extracting(LogBatch::getSourceFirstOffset, LogBatch::getSourceLastOffset)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 99L),
						org.assertj.core.groups.Tuple.tuple(100L, 199L),
						org.assertj.core.groups.Tuple.tuple(200L, 249L));
			assertThat(topology.counter("envstream.processor.records.in")).isEqualTo(250);
			assertThat(topology.counter("envstream.processor.records.out")).isEqualTo(250);
		}
	}

	@Test
	void caughtUpLinesAreNeverStored() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.record("env-a", "one", "two");
			topology.line("env-a", "three");

			var store = topology.driver.<Long, LogBatch>getKeyValueStore(LogTopology.OPEN_LINES_STORE);
			assertThat(store.approximateNumEntries()).isZero();
			assertThat(topology.batches()).hasSize(2);
		}
	}

	@Test
	void inABacklogKeepsOpenLinesInTheStateStoreUntilTheirBatchLeaves() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.fallBehind();
			topology.line("env-a", "open 1");
			topology.line("env-a", "open 2");

			var store = topology.driver.<Long, LogBatch>getKeyValueStore(LogTopology.OPEN_LINES_STORE);
			assertThat(store.approximateNumEntries()).isEqualTo(2);
			assertThat(store.get(0L).getEntries()).extracting(LogEntry::getMessage).containsExactly("open 1");

			topology.advance(100);
			assertThat(topology.batches()).hasSize(1);
			assertThat(store.get(0L)).isNull();
			assertThat(store.get(1L)).isNull();
		}
	}

	@Test
	void firstCaughtUpRecordTakesTheBatchOpenInTheBacklogWithIt() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.fallBehind();
			topology.line("env-a", "from the backlog");
			assertThat(topology.batches()).isEmpty();

			topology.caughtUp();
			topology.line("env-a", "live");

			assertThat(topology.batches()).extracting(topology::messages)
				.containsExactly(List.of("from the backlog", "live"));
			assertThat(topology.driver.<Long, LogBatch>getKeyValueStore(LogTopology.OPEN_LINES_STORE)
				.approximateNumEntries()).isZero();
		}
	}

}
