package io.envstream.schemas.serde;

import io.envstream.schemas.avro.Alert;

/** {@link AvroSerde} for {@link Alert}, with the no-arg constructor Kafka needs to create it by class name. */
public final class AlertSerde extends AvroSerde<Alert> {

	public AlertSerde() {
		super(Alert.class);
	}

}
