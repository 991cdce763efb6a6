package io.envstream.gateway.lifecycle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one place that starts and stops the gateway's parts, in the order of their
 * {@link GatewayPart.Stage}. It starts after the web server (so the status view and the live
 * fan-out start reading once the sockets can be served) and stops before the web server's
 * graceful shutdown, so connections are closed with 1001 while sends can still finish, and the
 * Kafka consumers close after them. The executors the parts run on close with the context
 * ({@link GatewayExecutors}).
 */
@Component
class GatewayLifecycle implements SmartLifecycle {

	private final List<GatewayPart> stopOrder;

	private volatile boolean running;

	GatewayLifecycle(List<GatewayPart> parts) {
		this.stopOrder = new ArrayList<>(parts);
		this.stopOrder.sort(Comparator.comparing(GatewayPart::stage));
	}

	@Override
	public void start() {
		this.running = true;
		List<GatewayPart> startOrder = new ArrayList<>(this.stopOrder);
		Collections.reverse(startOrder);
		startOrder.forEach(GatewayPart::start);
	}

	@Override
	public void stop() {
		this.running = false;
		this.stopOrder.forEach(GatewayPart::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// the web server's graceful shutdown (DEFAULT_PHASE - 1024) and stop (- 2048) come after
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
