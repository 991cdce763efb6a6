package io.envstream.gateway.kafka;

import io.envstream.gateway.lifecycle.GatewayPart;

/** A part of the gateway whose work is one {@link ConsumerLoop}: it starts and stops with the loop. */
public interface ConsumerPart extends GatewayPart {

	/** The loop that does the part's work. */
	ConsumerLoop loop();

	@Override
	default void start() {
		loop().start();
	}

	@Override
	default void stop() {
		loop().stop();
	}

}
