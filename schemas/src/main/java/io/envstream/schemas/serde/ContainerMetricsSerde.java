package io.envstream.schemas.serde;

import io.envstream.schemas.avro.ContainerMetrics;

/** {@link AvroSerde} for {@link ContainerMetrics}, with the no-arg constructor Kafka needs to create it by class name. */
public final class ContainerMetricsSerde extends AvroSerde<ContainerMetrics> {

	public ContainerMetricsSerde() {
		super(ContainerMetrics.class);
	}

}
