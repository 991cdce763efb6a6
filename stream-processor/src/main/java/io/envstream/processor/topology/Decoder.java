package io.envstream.processor.topology;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes {@code envstream.logs.raw} records inside the topology rather than in the source, so that a record
 * that cannot be decoded goes to the dead-letter topic in the same transaction as everything else: nothing is
 * lost, nothing is sent twice, and the lines after it flow on. A record whose key is not its environment id is
 * refused too, because batching and positions rely on one environment living in one partition.
 */
final class Decoder implements Processor<String, byte[], String, Object> {

	private static final Logger logger = LoggerFactory.getLogger(Decoder.class);

	private final String lines;

	private final String deadLetters;

	private final TopologyMetrics metrics;

	private ProcessorContext<String, Object> context;

	Decoder(String lines, String deadLetters, TopologyMetrics metrics) {
		this.lines = lines;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
	}

	@Override
	public void init(ProcessorContext<String, Object> context) {
		this.context = context;
	}

	@Override
	public void process(Record<String, byte[]> record) {
		LogEvent event;
		try {
			event = Topics.LOGS_RAW.valueSerde().deserializer().deserialize(Topics.LOGS_RAW.name(), record.value());
		}
		catch (SerializationException ex) {
			deadLetter(record, ex.getMessage());
			return;
		}
		if (event == null) {
			deadLetter(record, Topics.LOGS_RAW.name() + ": a record without a value (tombstone) is not a log line");
		}
		else if (!event.getEnvId().equals(record.key())) {
			deadLetter(record, Topics.LOGS_RAW.name() + ": key '" + record.key() + "' is not the envId '"
					+ event.getEnvId() + "' of the line");
		}
		else {
			this.context.forward(record.withValue(event), this.lines);
		}
	}

	private void deadLetter(Record<String, byte[]> record, String reason) {
		RecordMetadata origin = this.context.recordMetadata().orElseThrow();
		logger.warn("Sending {}-{}@{} to {}: {}", origin.topic(), origin.partition(), origin.offset(),
				Topics.LOGS_RAW_DLT.name(), reason);
		DeadLetterHeaders.add(record.headers(), reason, origin.topic(), origin.partition(), origin.offset());
		this.context.forward(record, this.deadLetters);
		this.metrics.deadLetter();
	}

}
