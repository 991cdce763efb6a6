package io.envstream.schemas.serde;

import io.envstream.schemas.avro.LogEvent;

/**
 * {@link AvroSerde} for {@link LogEvent}, the single-line value of {@code envstream.logs.raw} before
 * {@link LogEventBatchSerde}, with the no-arg constructor Kafka needs to create it by class name.
 */
public final class LogEventSerde extends AvroSerde<LogEvent> {

	public LogEventSerde() {
		super(LogEvent.class);
	}

}
