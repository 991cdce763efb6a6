package io.envstream.schemas.topics;

import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything a producer, a consumer or a Kafka Streams topology needs to use a topic: its name,
 * the serdes of its keys and values, and how it is cleaned up.
 * @param <K> key type
 * @param <V> value type
 * @param name topic name
 * @param keySerde serde of the record keys
 * @param valueSerde serde of the record values
 * @param cleanupPolicy cleanup policy the topic must be created with
 */
public record TopicDefinition<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde,
		CleanupPolicy cleanupPolicy) {

	public TopicDefinition {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(keySerde, "keySerde");
		Objects.requireNonNull(valueSerde, "valueSerde");
		Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
		if (name.isBlank()) {
			throw new IllegalArgumentException("Topic name must not be blank");
		}
	}

	/** Whether the topic is compacted, so a {@code null} value deletes its key. */
	public boolean compacted() {
		return this.cleanupPolicy == CleanupPolicy.COMPACT;
	}

	/** Topic configs to create the topic with. */
	public Map<String, String> configs() {
		return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, this.cleanupPolicy.configValue());
	}

}
