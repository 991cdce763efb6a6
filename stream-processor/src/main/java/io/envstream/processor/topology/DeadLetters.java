package io.envstream.processor.topology;

import io.envstream.schemas.topics.Topics;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record of {@code envstream.logs.raw} that the topology cannot take to the dead-letter topic, with its
 * reason and where it was read, in the same transaction as everything else: nothing is lost, nothing is sent
 * twice, and the lines after it flow on.
 */
final class DeadLetters {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	private final ProcessorContext<String, Object> context;

	private final String sink;

	private final TopologyMetrics metrics;

	DeadLetters(ProcessorContext<String, Object> context, String sink, TopologyMetrics metrics) {
		this.context = context;
		this.sink = sink;
		this.metrics = metrics;
	}

	void send(Record<String, byte[]> record, DeadLetterCause cause, String reason) {
		RecordMetadata origin = this.context.recordMetadata().orElseThrow();
		logger.warn("Sending {}-{}@{} to {}: {}", origin.topic(), origin.partition(), origin.offset(),
				Topics.LOGS_RAW_DLT.name(), reason);
		DeadLetterHeaders.add(record.headers(), reason, origin.topic(), origin.partition(), origin.offset());
		this.context.forward(record, this.sink);
		this.metrics.deadLetter(cause);
	}

}
