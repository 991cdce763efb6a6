package io.envstream.schemas.serde;

import io.envstream.schemas.avro.Checkpoint;

/** {@link AvroSerde} for {@link Checkpoint}, with the no-arg constructor Kafka needs to create it by class name. */
public final class CheckpointSerde extends AvroSerde<Checkpoint> {

	public CheckpointSerde() {
		super(Checkpoint.class);
	}

}
