package io.envstream.gateway.terminal;

import java.io.IOException;
import java.net.URI;

import io.envstream.gateway.limits.DetachedTerminalSessions;
import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.Permission;
import io.envstream.gateway.ws.AccessWatch;
import io.envstream.gateway.ws.ConnectionAdmission.BadRequestException;
import io.envstream.gateway.ws.ConnectionAdmission.Decision;
import io.envstream.gateway.ws.ConnectionAdmission.OverLimitException;
import io.envstream.gateway.ws.ConnectionEndpoint;
import io.envstream.gateway.ws.EndpointMetrics;
import io.envstream.gateway.ws.EndpointSupport;
import io.envstream.gateway.ws.Reconnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The terminal endpoint's behaviour: the admission of every endpoint with the exec permission
 * required (4403 "exec permission required" for a caller who may only read) and, for a new session,
 * the user's detached sessions under their maximum (4429), then a connection to the environment's
 * agent with a single-use token for its host, and a relay of the messages both ways; a connection
 * that closes after a {@code detach} counts as a detached session. Keystrokes never touch Kafka. On
 * shutdown every session is detached first, so its client reattaches through another gateway with
 * {@code ?session=}.
 */
@Service
class TerminalService extends ConnectionEndpoint<TerminalService.Target, TerminalService.Connection> {

	static final String ENDPOINT = "terminal";

	static final CloseStatus NOT_CONFIGURED = CloseStatus.SERVER_ERROR
		.withReason("terminals are not configured on this gateway");

	private static final CloseStatus UNAVAILABLE = CloseStatus.SERVER_ERROR
		.withReason("environment store unavailable, retry");

	private static final Logger logger = LoggerFactory.getLogger(TerminalService.class);

	private static final String DETACH = "{\"type\":\"detach\"}";

	/** What a connection may open. */
	record Target(TerminalRequest request, AgentDirectory.Agent agent) {
	}

	/** @param reconnection a reattach, counted as succeeded once the agent's first message reached the client */
	record Connection(AgentRelay relay, String user, String environmentId, Reconnection reconnection) {
	}

	private final DetachedTerminalSessions detached;

	private final AgentDirectory agents;

	private final AgentChannel channel;

	TerminalService(EndpointSupport support, DetachedTerminalSessions detached, AgentDirectory agents,
			AgentChannel channel, MeterRegistry registry) {
		super(ENDPOINT, Permission.EXEC, UNAVAILABLE, support,
				new EndpointMetrics(registry, ENDPOINT, "Not recorded: terminal output carries no source time")
					.countingReconnections("session"));
		this.detached = detached;
		this.agents = agents;
		this.channel = channel;
	}

	@Override
	protected Target parse(URI uri, Caller caller, String environmentId) {
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

	@Override
	protected void start(WebSocketSession session, Decision<Target> admitted) {
		Target target = admitted.request();
		String user = admitted.caller().user();
		String environmentId = admitted.environmentId();
		if (target.request().session() != null) {
			// attached again (or, if the agent answers 4404/4409, ended or attached elsewhere): not detached
			this.detached.forget(target.request().session(), user);
		}
		Reconnection reconnection = (target.request().session() != null) ? metrics().reconnection() : null;
		AgentRelay relay = new AgentRelay(session, target.agent().url(), metrics(), reconnection);
		// registered before the agent answers: whatever closes the client from now on releases the lease
		register(session, new Connection(relay, user, environmentId, reconnection), admitted);
		if (!this.channel.enabled()) {
			relay.closeClient(NOT_CONFIGURED);
			return;
		}
		String token = this.channel.token(user, environmentId, target.agent(), target.request());
		try {
			this.channel.connect(relay, token);
		}
		catch (IOException ex) {
			logger.warn("terminal connection to {} failed: {}", environmentId, ex.getMessage());
			relay.closeClient(AgentRelay.AGENT_UNREACHABLE);
		}
	}

	/** A client message goes to the agent unchanged; the agent answers a bad one with 1008. */
	@Override
	protected CloseStatus message(Connection connection, String text) {
		connection.relay().forward(text);
		return null;
	}

	@Override
	protected void ping(Connection connection) {
		AgentRelay relay = connection.relay();
		if (relay.clientReadingHeld()) {
			// its pong would wait unread behind the messages the agent has not taken yet; the ping still finds out
			// a client that is gone
			pong(relay.client());
		}
		relay.ping();
	}

	@Override
	protected void close(Connection connection, CloseStatus status) {
		if (AccessWatch.tokenExpired(status)) {
			// the person only needs a fresh token: the shell waits detached for the reattach
			connection.relay().forward(DETACH);
		}
		connection.relay().closeClient(status);
	}

	/** Detaches every session on its agent, then closes its client (nothing is queued in a relay). */
	@Override
	protected void closeAfterQueued(Connection connection, CloseStatus status) {
		connection.relay().forward(DETACH);
		connection.relay().closeClient(status);
	}

	@Override
	protected void release(Connection connection, CloseStatus status) {
		connection.relay().clientClosed("client closed (" + status.getCode() + ")");
		if (connection.reconnection() != null) {
			connection.reconnection().ended();
		}
		String detachedSession = connection.relay().detachWatch.detachedSession();
		if (detachedSession != null) {
			this.detached.detached(detachedSession, connection.user(), connection.environmentId());
		}
	}

}
