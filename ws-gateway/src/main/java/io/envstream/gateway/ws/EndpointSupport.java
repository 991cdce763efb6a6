package io.envstream.gateway.ws;

import java.util.concurrent.ExecutorService;

import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.envstream.gateway.limits.ConnectionLimits;

import org.springframework.stereotype.Component;

/**
 * What every {@link ConnectionEndpoint} relies on, in one bean: the admission checks, heartbeats,
 * the token and access watch, the connection leases, and the threads that admit and start
 * connections.
 */
@Component
public class EndpointSupport {

	final ConnectionAdmission admission;

	final Heartbeats heartbeats;

	final AccessWatch access;

	final ConnectionLimits limits;

	private final GatewayExecutors executors;

	EndpointSupport(ConnectionAdmission admission, Heartbeats heartbeats, AccessWatch access,
			ConnectionLimits limits, GatewayExecutors executors) {
		this.admission = admission;
		this.heartbeats = heartbeats;
		this.access = access;
		this.limits = limits;
		this.executors = executors;
	}

	/**
	 * The threads that admit and start an endpoint's connections, off the container's threads (see
	 * {@link ConnectionEndpoint#open}); one pool per endpoint, so a start that waits long (a terminal's agent
	 * that does not answer) holds up no other endpoint's connections.
	 */
	ExecutorService openers(String endpoint) {
		return this.executors.pool("ws-open-" + endpoint, Math.max(8, Runtime.getRuntime().availableProcessors() * 4));
	}

}
