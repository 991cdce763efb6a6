package io.envstream.gateway.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The configuration every consumer of the gateway shares, from {@code spring.kafka.*}: no group
 * (partitions are assigned by hand, nothing is committed), committed records only, string keys and
 * raw values (each feature decodes its own).
 */
public final class GatewayConsumers {

	private GatewayConsumers() {
	}

	/** @param purpose what reads with it, in its client id ({@code envstream-gateway-live-…}) */
	public static Map<String, Object> config(KafkaProperties properties, String purpose) {
		Map<String, Object> config = new HashMap<>(properties.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "envstream-gateway-" + purpose + "-" + UUID.randomUUID());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		return config;
	}

	/** Reports how far the consumer is behind the end of each partition it is assigned, where it knows. */
	public static void reportLag(KafkaConsumer<?, ?> consumer, BiConsumer<TopicPartition, Long> report) {
		for (TopicPartition partition : consumer.assignment()) {
			OptionalLong lag = consumer.currentLag(partition);
			if (lag.isPresent()) {
				report.accept(partition, lag.getAsLong());
			}
		}
	}

	/**
	 * Seeks each partition to its first record of the last {@code span} (by record time), or to its
	 * end when it has none so recent.
	 */
	public static void seekBack(KafkaConsumer<?, ?> consumer, Collection<TopicPartition> partitions, Duration span) {
		long since = System.currentTimeMillis() - span.toMillis();
		Map<TopicPartition, Long> times = new HashMap<>();
		partitions.forEach((partition) -> times.put(partition, since));
		Set<TopicPartition> past = new HashSet<>(partitions);
		consumer.offsetsForTimes(times).forEach((partition, found) -> {
			if (found != null) {
				consumer.seek(partition, found.offset());
				past.remove(partition);
			}
		});
		seekToEnd(consumer, past);
	}

	/** Seeks these partitions to their beginning: none when there are none (Kafka would seek every assigned one). */
	public static void seekToBeginning(KafkaConsumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty()) {
			consumer.seekToBeginning(partitions);
		}
	}

	/** Seeks these partitions to their end: none when there are none (Kafka would seek every assigned one). */
	public static void seekToEnd(KafkaConsumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty()) {
			consumer.seekToEnd(partitions);
		}
	}

	/** The topic's partitions, none if it does not exist (yet). */
	public static Set<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
		List<PartitionInfo> infos = consumer.partitionsFor(topic);
		Set<TopicPartition> partitions = new HashSet<>();
		if (infos != null) {
			infos.forEach((info) -> partitions.add(new TopicPartition(info.topic(), info.partition())));
		}
		return partitions;
	}

}
