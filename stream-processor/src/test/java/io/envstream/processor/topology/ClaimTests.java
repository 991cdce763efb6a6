package io.envstream.processor.topology;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimTests {

	@Test
	void linesFromAnotherHostThanTheFirstClaimGoToTheDeadLetterTopicAndNeverIntoABatch() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "host-1", "c-1", Stream.STDOUT, "mine");
			topology.line("env-a", "host-2", "c-9", Stream.STDOUT, "impostor");
			topology.advance(200);

			assertThat(topology.batches()).flatMap(LogBatch::getEntries)
				.extracting((entry) -> entry.getMessage())
				.containsExactly("mine");
			TestRecord<String, byte[]> dead = topology.deadLetters.readRecord();
			assertThat(TopologyFixture.decode(dead.value())
				.getLines()).extracting(RawLine::getMessage).containsExactly("impostor");
			assertThat(reason(dead)).isEqualTo("environment 'env-a' belongs to host 'host-1', not 'host-2'");
			assertThat(topology.counter(TopologyMetrics.CLAIMS_REFUSED, "kind", "line", "conflict", "host"))
				.isEqualTo(1);
			assertThat(topology.counter(TopologyMetrics.DEAD_LETTERS, "cause", "claim-refused")).isEqualTo(1);
		}
	}

	@Test
	void recordOfManyLinesFromAnotherHostGoesToTheDeadLetterTopicWholeAsOneRecord() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "host-1", "c-1", Stream.STDOUT, "mine");
			LogEventBatch impostor = new LogEventBatch("env-a", "host-2", "c-9",
					List.of(new RawLine(Stream.STDOUT, 1L, 1L, "impostor 1", false),
							new RawLine(Stream.STDERR, 2L, 2L, "impostor 2", false)));
			topology.write("env-a", impostor);
			topology.advance(200);

			assertThat(topology.batches()).flatMap(LogBatch::getEntries)
				.extracting((entry) -> entry.getMessage())
				.containsExactly("mine");
			TestRecord<String, byte[]> dead = topology.deadLetters.readRecord();
			assertThat(TopologyFixture.decode(dead.value()))
				.isEqualTo(impostor);
			assertThat(topology.deadLetters.isEmpty()).isTrue();
			assertThat(topology.counter(TopologyMetrics.CLAIMS_REFUSED, "kind", "line", "conflict", "host"))
				.isEqualTo(2);
			assertThat(topology.counter(TopologyMetrics.DEAD_LETTERS, "cause", "claim-refused")).isEqualTo(1);
		}
	}

	@Test
	void descriptorClaimsTheIdBeforeAnyLineSoTheOtherHostsFirstLineIsRefused() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.descriptors.pipeInput("env-a", ClaimRulesTests.descriptor("host-1", "alice", null));
			topology.line("env-a", "host-2", "c-9", Stream.STDOUT, "impostor");

			assertThat(topology.logs.isEmpty()).isTrue();
			assertThat(reason(topology.deadLetters.readRecord())).contains("belongs to host 'host-1'");
		}
	}

	@Test
	void linesOfAContainerWhoseDescriptorCarriesAnotherOwnerAreRefusedOnTheClaimedHostToo() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.descriptors.pipeInput("env-a", ClaimRulesTests.descriptor("host-1", "alice", null));
			EnvironmentDescriptor impostor = ClaimRulesTests.descriptor("host-1", "mallory", null);
			topology.descriptors.pipeInput("env-a", impostor);
			topology.line("env-a", "host-1", impostor.getContainerId(), Stream.STDOUT, "impostor");
			topology.line("env-a", "host-1", "c-host-1-alice", Stream.STDOUT, "mine");
			topology.advance(200);

			assertThat(topology.batches()).flatMap(LogBatch::getEntries)
				.extracting((entry) -> entry.getMessage())
				.containsExactly("mine");
			assertThat(reason(topology.deadLetters.readRecord()))
				.isEqualTo("environment 'env-a': the descriptor of container 'c-host-1-mallory' was refused");
			assertThat(topology.counter(TopologyMetrics.CLAIMS_REFUSED, "kind", "descriptor", "conflict", "owner"))
				.isEqualTo(1);
			assertThat(topology.counter(TopologyMetrics.CLAIMS_REFUSED, "kind", "line", "conflict", "container"))
				.isEqualTo(1);
		}
	}

	@Test
	void afterAnAdminsMoveTheNewHostsLinesFlowAndTheOldHostsAreRefused() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "host-1", "c-1", Stream.STDOUT, "before the move");
			topology.moves.pipeInput("env-a", EnvironmentClaim.newBuilder()
				.setEnvId("env-a")
				.setHostId("host-2")
				.setClaimedBy("root")
				.setClaimedMillis(TopologyFixture.START.toEpochMilli())
				.build());
			topology.line("env-a", "host-2", "c-2", Stream.STDOUT, "after the move");
			topology.line("env-a", "host-1", "c-1", Stream.STDOUT, "old host");
			topology.advance(200);

			assertThat(topology.batches()).flatMap(LogBatch::getEntries)
				.extracting((entry) -> entry.getMessage())
				.containsExactly("before the move", "after the move");
			assertThat(reason(topology.deadLetters.readRecord()))
				.isEqualTo("environment 'env-a' belongs to host 'host-2', not 'host-1'");
		}
	}

	@Test
	void moveClearsTheContainersRefusedUnderTheOldClaim() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.descriptors.pipeInput("env-a", ClaimRulesTests.descriptor("host-1", "alice", null));
			topology.descriptors.pipeInput("env-a", ClaimRulesTests.descriptor("host-1", "bob", null));
			topology.moves.pipeInput("env-a", EnvironmentClaim.newBuilder()
				.setEnvId("env-a")
				.setHostId("host-1")
				.setOwner("bob")
				.setClaimedBy("root")
				.setClaimedMillis(TopologyFixture.START.toEpochMilli())
				.build());
			topology.line("env-a", "host-1", "c-host-1-bob", Stream.STDOUT, "bob's now");

			assertThat(topology.batches()).flatMap(LogBatch::getEntries)
				.extracting((entry) -> entry.getMessage())
				.containsExactly("bob's now");
			assertThat(topology.deadLetters.isEmpty()).isTrue();
		}
	}

	@Test
	void claimOfAnotherEnvironmentDoesNotBindThisOne() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "host-1", "c-1", Stream.STDOUT, "a");
			topology.line("env-b", "host-2", "c-2", Stream.STDOUT, "b");

			assertThat(topology.batches()).hasSize(2);
			assertThat(topology.deadLetters.isEmpty()).isTrue();
		}
	}

	private static String reason(TestRecord<String, byte[]> dead) {
		return new String(dead.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
	}

}
