package io.envstream.gateway.terminal;

import java.io.IOException;
import java.net.URI;

import io.envstream.gateway.limits.ConnectionLimits;
import io.envstream.gateway.limits.DetachedTerminalSessions;
import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.Permission;
import io.envstream.gateway.ws.AccessWatch;
import io.envstream.gateway.ws.ClosableEndpoint;
import io.envstream.gateway.ws.Endpoint;
import io.envstream.gateway.ws.ConnectionAdmission;
import io.envstream.gateway.ws.ConnectionAdmission.BadRequestException;
import io.envstream.gateway.ws.ConnectionAdmission.OverLimitException;
import io.envstream.gateway.ws.Connections;
import io.envstream.gateway.ws.EndpointMetrics;
import io.envstream.gateway.ws.Heartbeats;
import io.envstream.gateway.ws.Reconnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The terminal endpoint's behaviour: the logs endpoint's admission (4401, 4404, 4403, the query
 * 1008, 4429) with the exec permission required (4403 "exec permission required" for a caller who
 * may only read) and, for a new session, the user's detached sessions under their maximum (4429),
 * then a connection to the environment's agent with a single-use token for its host, and a relay
 * of the messages both ways; a connection that closes after a {@code detach} counts as a detached
 * session. Keystrokes never touch Kafka. On shutdown every session is detached first, so its client
 * reattaches through another gateway with {@code ?session=}.
 */
@Service
class TerminalService implements Endpoint, ClosableEndpoint {

	static final String ENDPOINT = "terminal";

	static final CloseStatus NOT_CONFIGURED = CloseStatus.SERVER_ERROR
		.withReason("terminals are not configured on this gateway");

	private static final Logger logger = LoggerFactory.getLogger(TerminalService.class);

	private static final String DETACH = "{\"type\":\"detach\"}";

	/** What a connection may open. */
	record Target(TerminalRequest request, AgentDirectory.Agent agent) {
	}

	/** @param reconnection a reattach, counted as succeeded once the agent's first message reached the client */
	private record Connection(AgentRelay relay, String user, String environmentId, Reconnection reconnection) {
	}

	private final ConnectionAdmission admission;

	private final DetachedTerminalSessions detached;

	private final AgentDirectory agents;

	private final AgentChannel channel;

	private final EndpointMetrics metrics;

	private final Connections<Connection> connections;

	TerminalService(ConnectionAdmission admission, ConnectionLimits limits, DetachedTerminalSessions detached,
			AgentDirectory agents, Heartbeats heartbeats, AccessWatch access, AgentChannel channel,
			MeterRegistry registry) {
		this.metrics = new EndpointMetrics(registry, ENDPOINT,
				"Not recorded: terminal output carries no source time").countingReconnections("session");
		this.admission = admission;
		this.detached = detached;
		this.agents = agents;
		this.channel = channel;
		this.connections = new Connections<>(this.metrics, heartbeats, access, limits);
	}

	@Override
	public String name() {
		return ENDPOINT;
	}

	@Override
	public void open(WebSocketSession session) {
		String environmentId = ConnectionAdmission.environmentId(session);
		ConnectionAdmission.Decision<Target> decision;
		try {
			decision = this.admission.check(session, ENDPOINT, Permission.EXEC, this::parse);
		}
		catch (Exception ex) {
			logger.warn("terminal connection to {} failed: {}", environmentId, ex.toString());
			this.connections.reject(session, CloseStatus.SERVER_ERROR.withReason("environment store unavailable, retry"));
			return;
		}
		if (decision.refusal() != null) {
			this.connections.reject(session, decision.refusal());
			return;
		}
		Target target = decision.request();
		String user = decision.caller().user();
		if (target.request().session() != null) {
			// attached again (or, if the agent answers 4404/4409, ended or attached elsewhere): not detached
			this.detached.forget(target.request().session(), user);
		}
		Reconnection reconnection = (target.request().session() != null) ? this.metrics.reconnection() : null;
		AgentRelay relay = new AgentRelay(session, target.agent().url(), this.metrics, reconnection);
		// registered before the agent answers: whatever closes the client from now on releases the lease
		this.connections.add(session, new Connection(relay, user, environmentId, reconnection), decision.lease());
		if (!this.channel.enabled()) {
			relay.closeClient(NOT_CONFIGURED);
			return;
		}
		String token = this.channel.token(decision.caller().user(), environmentId, target.agent(), target.request());
		try {
			this.channel.connect(relay, token);
		}
		catch (IOException ex) {
			logger.warn("terminal connection to {} failed: {}", environmentId, ex.getMessage());
			relay.closeClient(AgentRelay.AGENT_UNREACHABLE);
			return;
		}
		this.connections.watch(session, decision, relay::ping, (status) -> {
			if (AccessWatch.tokenExpired(status)) {
				// the person only needs a fresh token: the shell waits detached for the reattach
				relay.forward(DETACH);
			}
			relay.closeClient(status);
		});
	}

	private Target parse(URI uri, Caller caller, String environmentId) {
		TerminalRequest request = TerminalRequest.parse(uri);
		if (request.session() == null) {
			// reattaching is always allowed: it lowers the count
			this.detached.refusalOfNewSession(caller.user()).ifPresent((refusal) -> {
				throw new OverLimitException(refusal);
			});
		}
		AgentDirectory.Agent agent = this.agents.find(environmentId)
			.orElseThrow(() -> new BadRequestException("environment has no running container with a terminal agent"));
		return new Target(request, agent);
	}

	/** A client message goes to the agent unchanged; the agent answers a bad one with 1008. */
	@Override
	public CloseStatus message(WebSocketSession session, String text) {
		Connection connection = this.connections.received(session);
		if (connection != null) {
			connection.relay().forward(text);
		}
		return null;
	}

	@Override
	public void pong(WebSocketSession session) {
		this.connections.pong(session);
	}

	@Override
	public void closed(WebSocketSession session, CloseStatus status) {
		Connection connection = this.connections.closed(session, status);
		if (connection == null) {
			return;
		}
		connection.relay().clientClosed("client closed (" + status.getCode() + ")");
		if (connection.reconnection() != null) {
			connection.reconnection().ended();
		}
		String detachedSession = connection.relay().detachWatch().detachedSession();
		if (detachedSession != null) {
			this.detached.detached(detachedSession, connection.user(), connection.environmentId());
		}
	}

	/** Detaches every session on its agent, then closes its client (nothing is queued in a relay). */
	@Override
	public void closeAfterQueued(CloseStatus status) {
		this.connections.forEach((connection) -> {
			connection.relay().forward(DETACH);
			connection.relay().closeClient(status);
		});
	}

	@Override
	public int openConnections() {
		return this.connections.size();
	}

	@Override
	public void closeNow(CloseStatus status) {
		this.connections.forEach((connection) -> connection.relay().closeClient(status));
	}

}
