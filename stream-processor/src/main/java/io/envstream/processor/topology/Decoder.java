package io.envstream.processor.topology;

import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes {@code envstream.logs.raw} records inside the topology rather than in the source, so that a record
 * that cannot be decoded goes to the dead-letter topic ({@link DeadLetters}) in the same transaction as everything
 * else. A record holds the lines of one container: a {@code LogEventBatch}, or the single-line {@code LogEvent} of an
 * older collector, read as a batch of one line; the steps after this one see lines as they were read, a record at
 * a time. A record whose key is not its environment id is refused too, because batching and positions rely on one
 * environment living in one partition.
 */
final class Decoder implements Processor<String, byte[], String, Object> {

	private final String lines;

	private final String deadLetterSink;

	private final TopologyMetrics metrics;

	private ProcessorContext<String, Object> context;

	private DeadLetters deadLetters;

	Decoder(String lines, String deadLetterSink, TopologyMetrics metrics) {
		this.lines = lines;
		this.deadLetterSink = deadLetterSink;
		this.metrics = metrics;
	}

	@Override
	public void init(ProcessorContext<String, Object> context) {
		this.context = context;
		this.deadLetters = new DeadLetters(context, this.deadLetterSink, this.metrics);
	}

	@Override
	public void process(Record<String, byte[]> record) {
		LogEventBatch lines;
		try {
			lines = Topics.LOGS_RAW.valueSerde().deserializer().deserialize(Topics.LOGS_RAW.name(), record.value());
		}
		catch (SerializationException ex) {
			deadLetter(record, ex.getMessage());
			return;
		}
		if (lines == null) {
			deadLetter(record, Topics.LOGS_RAW.name() + ": a record without a value (tombstone) is not a log line");
		}
		else if (!lines.getEnvId().equals(record.key())) {
			deadLetter(record, Topics.LOGS_RAW.name() + ": key '" + record.key() + "' is not the envId '"
					+ lines.getEnvId() + "' of the lines");
		}
		else if (lines.getLines().isEmpty()) {
			deadLetter(record, Topics.LOGS_RAW.name() + ": a record without lines");
		}
		else {
			this.context.forward(record.withValue(lines), this.lines);
		}
	}

	private void deadLetter(Record<String, byte[]> record, String reason) {
		this.deadLetters.send(record, DeadLetterCause.UNDECODABLE, reason);
	}

}
