package io.envstream.schemas.serde;

import io.envstream.schemas.avro.EnvironmentClaim;

/** {@link AvroSerde} for {@link EnvironmentClaim}, with the no-arg constructor Kafka needs to create it by class name. */
public final class EnvironmentClaimSerde extends AvroSerde<EnvironmentClaim> {

	public EnvironmentClaimSerde() {
		super(EnvironmentClaim.class);
	}

}
