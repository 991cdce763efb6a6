package io.envstream.schemas.serde;

import io.envstream.schemas.avro.LogBatch;

/** {@link AvroSerde} for {@link LogBatch}, with the no-arg constructor Kafka needs to create it by class name. */
public final class LogBatchSerde extends AvroSerde<LogBatch> {

	public LogBatchSerde() {
		super(LogBatch.class);
	}

}
