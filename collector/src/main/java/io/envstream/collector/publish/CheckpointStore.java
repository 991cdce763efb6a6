package io.envstream.collector.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.envstream.schemas.avro.Checkpoint;
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
 * Reads this host's committed checkpoints from the compacted checkpoint topic, start to end.
 * Call it after the transactional producer is initialised: that aborts a predecessor's open
 * transaction, which would otherwise hold a {@code read_committed} reader back.
 */
public final class CheckpointStore {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointStore.class);

	private final Map<String, Object> consumerProperties;

	public CheckpointStore(Map<String, Object> consumerProperties) {
		this.consumerProperties = consumerProperties;
	}

	/** The latest checkpoint of each container of {@code hostId}, by container id. */
	public Map<String, Checkpoint> load(String hostId) {
		Map<String, Object> properties = new HashMap<>(this.consumerProperties);
		properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		String prefix = Topics.checkpointKey(hostId, "x").substring(0, hostId.length() + 1);
		Map<String, Checkpoint> checkpoints = new HashMap<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer());
				Deserializer<Checkpoint> deserializer = Topics.CHECKPOINTS.valueSerde().deserializer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHECKPOINTS.name(), Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.key() == null || !record.key().startsWith(prefix)) {
						continue;
					}
					String containerId = record.key().substring(prefix.length());
					if (record.value() == null) {
						checkpoints.remove(containerId);
					}
					else {
						checkpoints.put(containerId, deserializer.deserialize(record.topic(), record.value()));
					}
				}
			}
		}
		logger.info("Loaded {} checkpoint(s) of host {}", checkpoints.size(), hostId);
		return checkpoints;
	}

}
