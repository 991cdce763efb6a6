package io.envstream.collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed to a topic ({@code read_committed}, from the start), decoded, keeping the
 * values that match; {@link #read()} polls what arrived since the last call.
 */
final class TopicRecords<V> implements AutoCloseable {

	private final TopicDefinition<String, V> topic;

	private final Predicate<V> filter;

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<V> values = new ArrayList<>();

	TopicRecords(TopicDefinition<String, V> topic, Predicate<V> filter) {
		this(KafkaFixture.shared(), topic, filter);
	}

	TopicRecords(KafkaFixture kafka, TopicDefinition<String, V> topic, Predicate<V> filter) {
		this(kafka.consumerProps("test-" + System.nanoTime()), topic, filter);
	}

	/** With the given consumer properties (bootstrap servers, credentials), read committed from the start. */
	TopicRecords(Map<String, Object> consumerProperties, TopicDefinition<String, V> topic, Predicate<V> filter) {
		this.topic = topic;
		this.filter = filter;
		Map<String, Object> properties = new HashMap<>(consumerProperties);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// it reads from the beginning, through every earlier test's lines in the shared broker: with the
		// default 500 records a poll, a partition holding many of those took longer than a test waits
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100_000);
		this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
	}

	/** Polls once more and returns every matching value so far, in partition order. */
	synchronized List<V> read() {
		for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
			if (record.value() == null) {
				continue;
			}
			V value = this.topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
			if (this.filter.test(value)) {
				this.values.add(value);
			}
		}
		return List.copyOf(this.values);
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
