package io.envstream.schemas.serde;

import java.util.List;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;

/**
 * {@link AvroSerde} for {@link LogEventBatch}, the value of {@code envstream.logs.raw}, with the no-arg constructor
 * Kafka needs to create it by class name. It writes batches only, but also reads the single-line {@link LogEvent}
 * records of collectors from before batches (still in the topic, or written during a rolling upgrade): the schema
 * fingerprint in the payload tells which, and such a record reads as a batch of its one line.
 */
public final class LogEventBatchSerde extends AvroSerde<LogEventBatch> {

	private final LogEventSerde singleLines = new LogEventSerde();

	public LogEventBatchSerde() {
		super(LogEventBatch.class);
	}

	@Override
	public LogEventBatch deserialize(String topic, byte[] data) {
		if (data != null && this.singleLines.decodes(data)) {
			return batchOf(this.singleLines.deserialize(topic, data));
		}
		return super.deserialize(topic, data);
	}

	/** The batch of the one line {@code event} holds. */
	public static LogEventBatch batchOf(LogEvent event) {
		RawLine line = new RawLine(event.getStream(), event.getTimestampNanos(), event.getSeq(), event.getMessage(),
				event.getTruncated());
		return new LogEventBatch(event.getEnvId(), event.getHostId(), event.getContainerId(), List.of(line));
	}

}
