package io.envstream.schemas.serde;

import io.envstream.schemas.avro.EnvironmentStatus;

/** {@link AvroSerde} for {@link EnvironmentStatus}, with the no-arg constructor Kafka needs to create it by class name. */
public final class EnvironmentStatusSerde extends AvroSerde<EnvironmentStatus> {

	public EnvironmentStatusSerde() {
		super(EnvironmentStatus.class);
	}

}
