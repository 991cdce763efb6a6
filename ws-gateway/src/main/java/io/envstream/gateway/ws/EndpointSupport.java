package io.envstream.gateway.ws;

import io.envstream.gateway.limits.ConnectionLimits;

import org.springframework.stereotype.Component;

/**
 * What every {@link ConnectionEndpoint} relies on, in one bean: the admission checks, heartbeats,
 * the token and access watch, and the connection leases.
 */
@Component
public class EndpointSupport {

	final ConnectionAdmission admission;

	final Heartbeats heartbeats;

	final AccessWatch access;

	final ConnectionLimits limits;

	EndpointSupport(ConnectionAdmission admission, Heartbeats heartbeats, AccessWatch access,
			ConnectionLimits limits) {
		this.admission = admission;
		this.heartbeats = heartbeats;
		this.access = access;
		this.limits = limits;
	}

}
