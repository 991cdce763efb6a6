package io.envstream.gateway.status;

import io.envstream.gateway.claims.EnvironmentClaims;
import io.envstream.gateway.limits.ConnectionLimits;
import io.envstream.gateway.ws.AccessWatch;
import io.envstream.gateway.ws.ClosableEndpoint;
import io.envstream.gateway.ws.Endpoint;
import io.envstream.gateway.ws.ConnectionAdmission;
import io.envstream.gateway.ws.Connections;
import io.envstream.gateway.ws.Heartbeats;
import io.envstream.gateway.ws.SessionSends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The status endpoint's behaviour: once {@link ConnectionAdmission} lets a connection in, it
 * listens to the environment in the {@link StatusView} (current state first, then every change
 * and every sample, only those of the host the environment belongs to);
 * {@code subscribe}/{@code unsubscribe} choose the topics; heartbeats and
 * shutdown ({@link ClosableEndpoint}) as on every endpoint.
 */
@Service
class StatusService implements Endpoint, ClosableEndpoint {

	private static final Logger logger = LoggerFactory.getLogger(StatusService.class);

	static final String ENDPOINT = "status";

	private final ConnectionAdmission admission;

	private final StatusView view;

	private final StatusOutbox outbox;

	private final EnvironmentClaims claims;

	private final Connections<StatusConnection> connections;

	StatusService(ConnectionAdmission admission, ConnectionLimits limits, Heartbeats heartbeats, AccessWatch access,
			StatusView view, StatusOutbox outbox, StatusMetrics metrics, EnvironmentClaims claims) {
		this.admission = admission;
		this.view = view;
		this.outbox = outbox;
		this.claims = claims;
		this.connections = new Connections<>(metrics.endpoint(), heartbeats, access, limits);
	}

	@Override
	public String name() {
		return ENDPOINT;
	}

	/** Runs the checks and starts listening, or closes the session with the first failing check's code. */
	@Override
	public void open(WebSocketSession session) {
		ConnectionAdmission.Decision<String> decision;
		try {
			// the endpoint has no query parameters of its own; its "request" is the host the environment belongs
			// to, looked up once per connection (after an admin's move, a client reconnects to follow the new host)
			decision = this.admission.check(session, ENDPOINT,
					(uri, caller, environmentId) -> this.claims.hostOf(environmentId).orElse(null));
		}
		catch (Exception ex) {
			logger.warn("status connection to {} failed: {}", ConnectionAdmission.environmentId(session),
					ex.toString());
			this.connections.reject(session, CloseStatus.SERVER_ERROR.withReason("access check unavailable, retry"));
			return;
		}
		if (decision.refusal() != null) {
			this.connections.reject(session, decision.refusal());
			return;
		}
		StatusConnection connection = this.outbox.connection(session, decision.environmentId(), decision.lease(),
				decision.request());
		this.connections.add(session, connection, decision.lease());
		this.connections.watch(session, decision, connection::ping,
				(status) -> SessionSends.closeQuietly(session, status));
		this.view.subscribe(connection.environmentId, connection);
	}

	/** Handles a client message; returns a close status for a protocol violation. */
	@Override
	public CloseStatus message(WebSocketSession session, String text) {
		StatusConnection connection = this.connections.received(session);
		if (connection == null) {
			return null;
		}
		TopicsRequest request;
		try {
			request = TopicsRequest.parse(text);
		}
		catch (IllegalArgumentException ex) {
			return new CloseStatus(1008, ex.getMessage());
		}
		if (request.topics().contains(TopicsRequest.Topic.METRICS)) {
			connection.receiveMetrics(request.subscribe());
		}
		if (request.topics().contains(TopicsRequest.Topic.STATUS)) {
			boolean resubscribed = request.subscribe() && !connection.receivesStatus();
			connection.receiveStatus(request.subscribe());
			if (resubscribed) {
				// changes were not sent meanwhile: the current state says where things stand
				this.view.resend(connection.environmentId, connection);
			}
		}
		return null;
	}

	@Override
	public void pong(WebSocketSession session) {
		this.connections.pong(session);
	}

	@Override
	public void closed(WebSocketSession session, CloseStatus status) {
		StatusConnection connection = this.connections.closed(session, status);
		if (connection != null) {
			this.view.unsubscribe(connection.environmentId, connection);
			connection.discard();
		}
	}

	@Override
	public void closeAfterQueued(CloseStatus status) {
		this.connections.forEach((connection) -> connection.closeAfterQueued(status));
	}

	@Override
	public int openConnections() {
		return this.connections.size();
	}

	@Override
	public void closeNow(CloseStatus status) {
		this.connections.forEach((connection) -> SessionSends.closeQuietly(connection.session, status));
	}

}
