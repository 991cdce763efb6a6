package io.envstream.gateway.logs;

import io.envstream.gateway.limits.ConnectionLimits;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, before the web server and the fan-out stop: every logs connection gets what is
 * queued for it, then a 1001 close, so clients reconnect elsewhere at once; this gateway's leases
 * are released.
 */
@Component
class LogsShutdown implements SmartLifecycle {

	private final LogsService service;

	private final ConnectionLimits limits;

	private volatile boolean running;

	LogsShutdown(LogsService service, ConnectionLimits limits) {
		this.service = service;
		this.limits = limits;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.service.shutdown(5000);
		this.limits.releaseAll();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
