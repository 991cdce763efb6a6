package io.envstream.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.serde.LogEventSerde;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes test log lines to envstream.logs.raw as a collector would: line {@code i} of an environment has
 * {@code seq = i}, is on stderr when {@code i} is odd, and reads {@code "<env> line <i>"}. {@link #sendRange} writes
 * both record formats, as collectors do during a rolling upgrade.
 */
final class LogLines implements AutoCloseable {

	/** In {@link #sendRange}, lines per record of an environment, the last of them as a single-line record. */
	static final int RECORD_LINES = 8;

	private final LogEventSerde singleLines = new LogEventSerde();

	private final KafkaProducer<String, byte[]> producer;

	LogLines(Map<String, Object> producerProps) {
		Map<String, Object> config = new HashMap<>(producerProps);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
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

	/** A line as the collector of {@code hostId} would send it from {@code containerId}, alone in its record. */
	void send(String environmentId, String hostId, String containerId, long seq, String message) {
		send(environmentId, new LogEventBatch(environmentId, hostId, containerId, List.of(line(seq, message))));
	}

	/**
	 * Lines {@code from} (inclusive) to {@code to} (exclusive) of every environment, round robin by
	 * {@link #RECORD_LINES}: of each environment's lines, a record of the first 7, then the 8th alone as the
	 * single-line {@link LogEvent} of a collector from before batches.
	 */
	void sendRange(String prefix, int environments, int from, int to) {
		for (int first = from; first < to; first += RECORD_LINES) {
			int last = Math.min(first + RECORD_LINES, to) - 1;
			for (int e = 0; e < environments; e++) {
				String environmentId = environment(prefix, e);
				List<RawLine> lines = new ArrayList<>();
				for (int seq = first; seq < last; seq++) {
					lines.add(line(seq, environmentId + " line " + seq));
				}
				if (!lines.isEmpty()) {
					send(environmentId, new LogEventBatch(environmentId, "host-1", "c-" + environmentId, lines));
				}
				sendSingleLine(environmentId, last);
			}
		}
	}

	private void sendSingleLine(String environmentId, long seq) {
		RawLine line = line(seq, environmentId + " line " + seq);
		LogEvent event = new LogEvent(environmentId, "host-1", "c-" + environmentId, line.getStream(),
				line.getTimestampNanos(), seq, line.getMessage(), false);
		this.producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), environmentId,
				this.singleLines.serialize(Topics.LOGS_RAW.name(), event)));
	}

	private void send(String environmentId, LogEventBatch record) {
		this.producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), environmentId,
				Topics.LOGS_RAW.valueSerde().serializer().serialize(Topics.LOGS_RAW.name(), record)));
	}

	private static RawLine line(long seq, String message) {
		long nanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) + seq % 1000;
		return new RawLine(streamOf(seq), nanos, seq, message, false);
	}

	void flush() {
		this.producer.flush();
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
