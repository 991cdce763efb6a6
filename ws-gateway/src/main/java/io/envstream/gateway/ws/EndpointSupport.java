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

	/**
	 * As many as Tomcat's threads by default: admission mostly waits for PostgreSQL, and with PostgreSQL away
	 * each handshake waits the pool's connection timeout (5 s) for its 1011, so fewer threads would answer a
	 * reconnect storm in an outage that much later.
	 */
	private static final int OPENER_THREADS = 200;

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
		return this.executors.elastic("ws-open-" + endpoint, OPENER_THREADS);
	}

}
