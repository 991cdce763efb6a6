package io.envstream.gateway.ws;

import java.time.Duration;
import java.util.List;

import io.envstream.gateway.lifecycle.GatewayPart;
import io.envstream.gateway.limits.ConnectionLimits;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * On shutdown, first of all ({@link Stage#ENDPOINTS}): every connection of
 * every {@link ClosableEndpoint} gets what is queued for it, then a 1001 close, so clients
 * reconnect elsewhere at once (those still open after {@value #DRAIN_MILLIS} ms are closed
 * without waiting); then this gateway's leases are released.
 */
@Component
class EndpointsShutdown implements GatewayPart {

	static final CloseStatus SHUTTING_DOWN = new CloseStatus(1001, "server shutting down");

	private static final long DRAIN_MILLIS = 5000;

	private final List<ClosableEndpoint> endpoints;

	private final ConnectionLimits limits;

	EndpointsShutdown(List<ClosableEndpoint> endpoints, ConnectionLimits limits) {
		this.endpoints = endpoints;
		this.limits = limits;
	}

	@Override
	public Stage stage() {
		return Stage.ENDPOINTS;
	}

	@Override
	public void stop() {
		this.endpoints.forEach((endpoint) -> endpoint.closeAfterQueued(SHUTTING_DOWN));
		long deadline = System.nanoTime() + Duration.ofMillis(DRAIN_MILLIS).toNanos();
		try {
			while (open() > 0 && System.nanoTime() - deadline < 0) {
				Thread.sleep(20);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.endpoints.forEach((endpoint) -> endpoint.closeNow(SHUTTING_DOWN));
		this.limits.releaseAll();
	}

	private int open() {
		return this.endpoints.stream().mapToInt(ClosableEndpoint::openConnections).sum();
	}

}
