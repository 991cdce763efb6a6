package io.envstream.alerts;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Everything a read_committed consumer sees on a topic whose key matches, gathered on each {@link #records()}
 * call (so a test can wait on it with Awaitility).
 */
final class TopicReader<V> implements AutoCloseable {

	private final KafkaConsumer<String, V> consumer;

	private final Predicate<String> key;

	private final List<ConsumerRecord<String, V>> records = new CopyOnWriteArrayList<>();

	TopicReader(TopicDefinition<String, V> topic, Predicate<String> key) {
		this.consumer = new KafkaConsumer<>(KafkaFixture.shared().consumerProps("reader-" + UUID.randomUUID()),
				topic.keySerde().deserializer(), topic.valueSerde().deserializer());
		this.consumer.subscribe(List.of(topic.name()));
		this.key = key;
	}

	List<ConsumerRecord<String, V>> records() {
		for (ConsumerRecord<String, V> record : this.consumer.poll(Duration.ofMillis(200))) {
			if (this.key.test(record.key())) {
				this.records.add(record);
			}
		}
		return List.copyOf(this.records);
	}

	List<V> values() {
		return records().stream().map(ConsumerRecord::value).toList();
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
