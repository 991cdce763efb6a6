package io.envstream.schemas.serde;

import io.envstream.schemas.avro.TerminalSession;

/** {@link AvroSerde} for {@link TerminalSession}, with the no-arg constructor Kafka needs to create it by class name. */
public final class TerminalSessionSerde extends AvroSerde<TerminalSession> {

	public TerminalSessionSerde() {
		super(TerminalSession.class);
	}

}
