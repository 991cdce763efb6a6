package io.envstream.collector.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.envstream.collector.CollectorMetrics;
import io.envstream.collector.logs.LogLine;
import io.envstream.collector.logs.ReadPosition;
import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the checkpoints of a host go, and how those an earlier version wrote to their key's partition are read. */
class CheckpointPartitionIntegrationTests {

	private static final int PARTITIONS = 12;

	private static KafkaFixture kafka;

	@BeforeAll
	static void cluster() {
		// a cluster of its own: the checkpoint topic must have several partitions, whatever other tests created
		kafka = KafkaFixture.startCluster(1);
		kafka.provisionTopics(PARTITIONS);
	}

	@AfterAll
	static void stop() {
		kafka.close();
	}

	@Test
	void writesEveryCheckpointOfAHostToItsOnePartitionAndDeletesOneWhereverItWasWritten() {
		// given a host with six containers, one of them keyed to another partition than the host's
		String hostId = "host-" + UUID.randomUUID().toString().substring(0, 8);
		int hostPartition = Topics.checkpointPartition(hostId, PARTITIONS);
		List<String> containers = containersOf(hostId, 6);
		TransactionWriter writer = writer(hostId);
		try {
			// when a transaction ships a line of each, then another says the first is gone
			List<Outgoing> lines = new ArrayList<>();
			for (int i = 0; i < containers.size(); i++) {
				lines.add(line(containers.get(i), 10 + i));
			}
			writer.commit(lines);
			writer.commit(List.of(new Outgoing.ForgetCheckpoint(containers.get(0))));
		}
		finally {
			writer.close(Duration.ofSeconds(5));
		}

		// then every checkpoint and tombstone is on the host's partition, and the gone container's key partition
		// has a tombstone too; the host's state has the other five at their seqs
		List<ConsumerRecord<String, byte[]>> records = checkpointRecords(hostId);
		String gone = Topics.checkpointKey(hostId, containers.get(0));
		assertThat(records).filteredOn((record) -> record.partition() != hostPartition)
			.singleElement()
			.satisfies((record) -> {
				assertThat(record.key()).isEqualTo(gone);
				assertThat(record.value()).isNull();
				assertThat(record.partition()).isEqualTo(Topics.partitionOfKey(gone, PARTITIONS));
			});
		assertThat(records).filteredOn((record) -> record.partition() == hostPartition).hasSize(7);
		Map<String, Checkpoint> checkpoints = new CommittedHostState(kafka.consumerProps("unused"))
			.checkpoints(hostId);
		assertThat(checkpoints).containsOnlyKeys(containers.subList(1, containers.size()));
		assertThat(checkpoints.get(containers.get(5)).getSeq()).isEqualTo(15);
	}

	@Test
	void readsTheHostsPartitionAsNewerThanCheckpointsAnEarlierVersionLeftOnTheirKeysPartition() {
		// given checkpoints an earlier version wrote to each key's partition: a, b and c at seq 5 (a's is not on the
		// host's partition)
		String hostId = "host-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> containers = containersOf(hostId, 3);
		try (KafkaProducer<String, byte[]> earlier = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(),
				new ByteArraySerializer())) {
			for (String container : containers) {
				Checkpoint checkpoint = line(container, 5).checkpoint(hostId);
				earlier.send(new ProducerRecord<>(Topics.CHECKPOINTS.name(), Topics.checkpointKey(hostId, container),
						Topics.CHECKPOINTS.valueSerde().serializer().serialize(Topics.CHECKPOINTS.name(), checkpoint)));
			}
		}

		// when this version ships a line of a (seq 9) and says b is gone
		TransactionWriter writer = writer(hostId);
		try {
			writer.commit(List.of(line(containers.get(0), 9), new Outgoing.ForgetCheckpoint(containers.get(1))));
		}
		finally {
			writer.close(Duration.ofSeconds(5));
		}

		// then a resumes after seq 9, b is forgotten, c keeps what the earlier version wrote
		Map<String, Checkpoint> checkpoints = new CommittedHostState(kafka.consumerProps("unused"))
			.checkpoints(hostId);
		assertThat(checkpoints).containsOnlyKeys(containers.get(0), containers.get(2));
		assertThat(checkpoints.get(containers.get(0)).getSeq()).isEqualTo(9);
		assertThat(checkpoints.get(containers.get(2)).getSeq()).isEqualTo(5);
	}

	/**
	 * {@code count} container ids of {@code hostId}; the first one's key lies on another partition than the host's, and
	 * every key on the host's partition would not test where the rest went.
	 */
	private static List<String> containersOf(String hostId, int count) {
		int hostPartition = Topics.checkpointPartition(hostId, PARTITIONS);
		List<String> containers = new ArrayList<>();
		for (int i = 0; containers.size() < count; i++) {
			String container = "container-" + i;
			boolean elsewhere = Topics.partitionOfKey(Topics.checkpointKey(hostId, container), PARTITIONS) != hostPartition;
			if (!containers.isEmpty() || elsewhere) {
				containers.add(container);
			}
		}
		return containers;
	}

	private static TransactionWriter writer(String hostId) {
		TransactionWriter writer = new TransactionWriter(kafka.producerProps(), hostId, 256 * 1024,
				new CollectorMetrics(new SimpleMeterRegistry()));
		writer.start();
		return writer;
	}

	private static Outgoing.Line line(String container, long seq) {
		long nanos = 1_700_000_000_000_000_000L + seq;
		LogLine read = new LogLine(Stream.STDOUT, nanos, "line " + seq, false, 6, new ReadPosition(nanos, 1), null);
		return new Outgoing.Line("env-" + container, container, new RawLine(Stream.STDOUT, nanos, seq, "line " + seq,
				false), read, Outgoing.OVERHEAD);
	}

	private static List<ConsumerRecord<String, byte[]>> checkpointRecords(String hostId) {
		Map<String, Object> properties = new HashMap<>(kafka.consumerProps("unused"));
		properties.remove("group.id");
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (int partition = 0; partition < PARTITIONS; partition++) {
				partitions.add(new TopicPartition(Topics.CHECKPOINTS.name(), partition));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (record.key().startsWith(hostId + "/")) {
						records.add(record);
					}
				});
			}
		}
		return records;
	}

}
