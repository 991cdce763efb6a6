package io.envstream.schemas.serde;

import io.envstream.schemas.avro.EnvironmentDescriptor;

/** {@link AvroSerde} for {@link EnvironmentDescriptor}, with the no-arg constructor Kafka needs to create it by class name. */
public final class EnvironmentDescriptorSerde extends AvroSerde<EnvironmentDescriptor> {

	public EnvironmentDescriptorSerde() {
		super(EnvironmentDescriptor.class);
	}

}
