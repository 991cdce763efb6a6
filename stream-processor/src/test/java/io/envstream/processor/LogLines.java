package io.envstream.processor;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes test log lines to envstream.logs.raw as a collector would: line {@code i} of an environment has
 * {@code seq = i}, is on stderr when {@code i} is odd, and reads {@code "<env> line <i>"}.
 */
final class LogLines implements AutoCloseable {

	private final KafkaProducer<String, LogEvent> producer;

	LogLines(Map<String, Object> producerProps) {
		Map<String, Object> config = new java.util.HashMap<>(producerProps);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		this.producer = new KafkaProducer<>(config, new StringSerializer(), Topics.LOGS_RAW.valueSerde().serializer());
	}

	static String environment(String prefix, int index) {
		return prefix + "-" + index;
	}

	static Stream streamOf(long seq) {
		return (seq % 2 == 0) ? Stream.STDOUT : Stream.STDERR;
	}

	void send(String environmentId, long seq) {
		send(environmentId, seq, environmentId + " line " + seq);
	}

	void send(String environmentId, long seq, String message) {
		send(environmentId, "host-1", "c-" + environmentId, seq, message);
	}

	/** A line as the collector of {@code hostId} would send it from {@code containerId}. */
	void send(String environmentId, String hostId, String containerId, long seq, String message) {
		long nanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) + seq % 1000;
		LogEvent event = new LogEvent(environmentId, hostId, containerId, streamOf(seq), nanos, seq, message, false);
		this.producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), environmentId, event));
	}

	/** Lines {@code from} (inclusive) to {@code to} (exclusive) of every environment, round robin. */
	void sendRange(String prefix, int environments, int from, int to) {
		for (int seq = from; seq < to; seq++) {
			for (int e = 0; e < environments; e++) {
				send(environment(prefix, e), seq);
			}
		}
	}

	void flush() {
		this.producer.flush();
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
