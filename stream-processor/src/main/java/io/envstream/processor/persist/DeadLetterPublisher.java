package io.envstream.processor.persist;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.envstream.processor.topology.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record the persister cannot decode to a dead-letter topic, as read, with the reason and its origin in
 * headers, and waits for the broker's acknowledgement: the record's offset is committed only after that. A crash
 * between the two can send it twice; it is never lost.
 */
class DeadLetterPublisher {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterPublisher.class);

	private final Producer<String, byte[]> producer;

	DeadLetterPublisher(Producer<String, byte[]> producer) {
		this.producer = producer;
	}

	void send(String deadLetterTopic, ConsumerRecord<String, byte[]> record, String reason) {
		logger.warn("Sending {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
				deadLetterTopic, reason);
		RecordHeaders headers = new RecordHeaders(record.headers().toArray());
		DeadLetterHeaders.add(headers, reason, record.topic(), record.partition(), record.offset());
		try {
			this.producer.send(new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(), headers))
				.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("interrupted while sending to " + deadLetterTopic, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaException("cannot send to " + deadLetterTopic + ": " + ex.getMessage(), ex);
		}
	}

}
