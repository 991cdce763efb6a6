package io.envstream.collector.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a host's earlier collectors committed, read from the compacted topics start to end: its
 * checkpoints, and the environments it announced. Call it after the transactional producer is
 * initialised: that aborts a predecessor's open transaction, which would otherwise hold a
 * {@code read_committed} reader back.
 */
public final class CommittedHostState {

	private static final Logger logger = LoggerFactory.getLogger(CommittedHostState.class);

	private final Map<String, Object> consumerProperties;

	public CommittedHostState(Map<String, Object> consumerProperties) {
		this.consumerProperties = consumerProperties;
	}

	/**
	 * The latest checkpoint of each container of {@code hostId}, by container id. A host's checkpoints are written to
	 * its own partition ({@link Topics#checkpointPartition}); those found on other partitions were written to their
	 * key's partition by an earlier version, so what the host's partition says of a container (a checkpoint or its
	 * deletion) is newer than anything elsewhere.
	 */
	public Map<String, Checkpoint> checkpoints(String hostId) {
		String prefix = Topics.checkpointKey(hostId, "x").substring(0, hostId.length() + 1);
		// the latest record of each container on each partition; null: a tombstone
		Map<Integer, Map<String, Checkpoint>> byPartition = new HashMap<>();
		int partitions = readToEnd(Topics.CHECKPOINTS, (key) -> key.startsWith(prefix),
				(partition, key, checkpoint) -> byPartition.computeIfAbsent(partition, (p) -> new HashMap<>())
					.put(key.substring(prefix.length()), checkpoint));
		Map<String, Checkpoint> own = byPartition.remove(Topics.checkpointPartition(hostId, Math.max(1, partitions)));
		Map<String, Checkpoint> checkpoints = new HashMap<>();
		byPartition.values().forEach(checkpoints::putAll);
		if (own != null) {
			checkpoints.putAll(own);
		}
		checkpoints.values().removeIf(Objects::isNull);
		logger.info("Loaded {} checkpoint(s) of host {}", checkpoints.size(), hostId);
		return checkpoints;
	}

	/**
	 * The environments whose latest descriptor says {@code hostId} backs them with a container, by
	 * environment id: what this host announced and has not yet said is gone (an environment that
	 * moved to another host since is not among them).
	 */
	public Map<String, EnvironmentDescriptor> environments(String hostId) {
		Map<String, EnvironmentDescriptor> latest = new HashMap<>();
		readToEnd(Topics.ENVIRONMENTS, (key) -> true, (partition, envId, descriptor) -> {
			if (descriptor == null) {
				latest.remove(envId);
			}
			else {
				latest.put(envId, descriptor);
			}
		});
		latest.values().removeIf((descriptor) -> !hostId.equals(descriptor.getHostId()) || descriptor.getRemoved());
		logger.info("Loaded {} environment(s) announced by host {}", latest.size(), hostId);
		return latest;
	}

	/** What {@link #readToEnd} hands over: a record's partition, key and value (null: a tombstone). */
	private interface RecordHandler<V> {

		void accept(int partition, String key, V value);

	}

	/**
	 * Hands every record of {@code topic} whose key is wanted to {@code onRecord}, in order within each partition.
	 * @return how many partitions the topic has
	 */
	private <V> int readToEnd(TopicDefinition<String, V> topic, Predicate<String> wanted, RecordHandler<V> onRecord) {
		Map<String, Object> properties = new HashMap<>(this.consumerProperties);
		properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer());
				Deserializer<V> deserializer = topic.valueSerde().deserializer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.key() == null || !wanted.test(record.key())) {
						continue;
					}
					onRecord.accept(record.partition(), record.key(),
							(record.value() != null) ? deserializer.deserialize(record.topic(), record.value()) : null);
				}
			}
			return partitions.size();
		}
	}

}
