package io.envstream.gateway.ws;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection that comes back for what it had (a logs {@code resume}, a terminal reattach), counted once in
 * {@code envstream_gateway_reconnects_total}: {@code succeeded} when the first of what it came for reached the
 * client, {@code failed} when the connection ended before.
 */
public final class Reconnection {

	private final AtomicBoolean counted = new AtomicBoolean();

	private final EndpointMetrics metrics;

	Reconnection(EndpointMetrics metrics) {
		this.metrics = metrics;
	}

	/** What the client came back for reached it. */
	public void delivered() {
		if (this.counted.compareAndSet(false, true)) {
			this.metrics.reconnected(true);
		}
	}

	/** The connection ended; a failure unless something was delivered first. */
	public void ended() {
		if (this.counted.compareAndSet(false, true)) {
			this.metrics.reconnected(false);
		}
	}

}
