package io.envstream.schemas.topics;

import java.nio.charset.StandardCharsets;

import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.TerminalSession;
import io.envstream.schemas.serde.AvroSerde;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

class TopicsTests {

	@Test
	void definesEveryTopicOnceWithItsValueTypeAndCleanupPolicy() {
		assertThat(Topics.all())
			.filteredOn((topic) -> topic.valueSerde() instanceof AvroSerde)
			.extracting(TopicDefinition::name, (topic) -> ((AvroSerde<?>) topic.valueSerde()).type(),
					TopicDefinition::cleanupPolicy)
			.containsExactly(tuple("envstream.logs.raw", LogEventBatch.class, CleanupPolicy.DELETE),
					tuple("envstream.logs", LogBatch.class, CleanupPolicy.DELETE),
					tuple("envstream.status", EnvironmentStatus.class, CleanupPolicy.COMPACT),
					tuple("envstream.metrics", ContainerMetrics.class, CleanupPolicy.DELETE),
					tuple("envstream.environments", EnvironmentDescriptor.class, CleanupPolicy.COMPACT),
					tuple("envstream.collector.checkpoints", Checkpoint.class, CleanupPolicy.COMPACT),
					tuple("envstream.terminal.sessions", TerminalSession.class, CleanupPolicy.DELETE),
					tuple("envstream.environments.claims", EnvironmentClaim.class, CleanupPolicy.COMPACT),
					tuple("envstream.alerts", Alert.class, CleanupPolicy.DELETE));
	}

	@Test
	void deadLetterTopicsKeepTheUndecodableBytes() {
		assertThat(Topics.all())
			.filteredOn((topic) -> !(topic.valueSerde() instanceof AvroSerde))
			.extracting(TopicDefinition::name, (topic) -> topic.valueSerde().getClass(), TopicDefinition::cleanupPolicy)
			.containsExactly(
					tuple("envstream.logs.raw.dlt", Serdes.ByteArray().getClass(), CleanupPolicy.DELETE),
					tuple("envstream.logs.dlt", Serdes.ByteArray().getClass(), CleanupPolicy.DELETE),
					tuple("envstream.environments.dlt", Serdes.ByteArray().getClass(), CleanupPolicy.DELETE),
					tuple("envstream.alerts.webhooks.dlt", Serdes.ByteArray().getClass(), CleanupPolicy.DELETE));
	}

	@Test
	void keysAreStrings() {
		assertThat(Topics.all()).allSatisfy(
				(topic) -> assertThat(topic.keySerde().getClass()).isEqualTo(Serdes.String().getClass()));
	}

	@Test
	void configuresTheCleanupPolicy() {
		assertThat(Topics.STATUS.configs()).containsOnly(entry("cleanup.policy", "compact"));
		assertThat(Topics.LOGS.configs()).containsOnly(entry("cleanup.policy", "delete"));
		assertThat(Topics.STATUS.compacted()).isTrue();
		assertThat(Topics.LOGS.compacted()).isFalse();
	}

	@Test
	void checkpointKeyIsHostAndContainer() {
		assertThat(Topics.checkpointKey("ABCD:EFGH:1234", "3f2a9c")).isEqualTo("ABCD:EFGH:1234/3f2a9c");
	}

	@Test
	void checkpointKeyRejectsAmbiguousOrBlankParts() {
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.checkpointKey("host/a", "c"));
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.checkpointKey(" ", "c"));
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.checkpointKey("h", null));
	}

	@Test
	void placesKeysAsKafkasDefaultPartitionerAndEveryCheckpointOfAHostWhereItsIdWouldGo() {
		for (String key : new String[] { "h", "ABCD:EFGH:1234", "ABCD:EFGH:1234/3f2a9c", "h\u00f4te-\u00e9" }) {
			for (int partitions : new int[] { 1, 3, 12, 50 }) {
				int expected = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
				assertThat(Topics.partitionOfKey(key, partitions)).as(key + " of " + partitions).isEqualTo(expected);
				assertThat(Topics.checkpointPartition(key, partitions)).isEqualTo(expected);
			}
		}
	}

	@Test
	void definitionRejectsBlankName() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new TopicDefinition<>(" ", Serdes.String(), Serdes.String(), CleanupPolicy.DELETE));
	}

}
