package io.envstream.processor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/** Reads back what went to a dead-letter topic. */
final class DeadLetterRecords {

	private DeadLetterRecords() {
	}

	/** The first record of {@code topic} keyed {@code key}, waiting up to 30 s for it. */
	static ConsumerRecord<String, byte[]> first(KafkaFixture kafka, String topic, String key) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps("dlt-" + UUID.randomUUID()),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (key.equals(record.key())) {
						found.add(record);
					}
				});
				return !found.isEmpty();
			});
			return found.get(0);
		}
	}

	static String header(ConsumerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
