package io.envstream.gateway.status;

import java.net.URI;

import io.envstream.gateway.claims.EnvironmentClaims;
import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.Permission;
import io.envstream.gateway.ws.ConnectionAdmission.Decision;
import io.envstream.gateway.ws.ConnectionEndpoint;
import io.envstream.gateway.ws.EndpointSupport;
import io.envstream.gateway.ws.SessionSends;

import org.springframework.stereotype.Service;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The status endpoint's behaviour: once admitted, a connection listens to the environment in the
 * {@link StatusView} (current state first, then every change and every sample, only those of the
 * host the environment belongs to; alerts as they fire, once asked); {@code subscribe} and
 * {@code unsubscribe} choose the topics. The connection itself (admission, heartbeats, access,
 * lease, metrics, shutdown) is {@link ConnectionEndpoint}'s.
 */
@Service
class StatusService extends ConnectionEndpoint<String, StatusConnection> {

	static final String ENDPOINT = "status";

	private static final CloseStatus UNAVAILABLE = CloseStatus.SERVER_ERROR
		.withReason("access check unavailable, retry");

	private final StatusView view;

	private final StatusOutbox outbox;

	private final EnvironmentClaims claims;

	StatusService(EndpointSupport support, StatusView view, StatusOutbox outbox, StatusMetrics metrics,
			EnvironmentClaims claims) {
		super(ENDPOINT, Permission.READ, UNAVAILABLE, support, metrics.endpoint());
		this.view = view;
		this.outbox = outbox;
		this.claims = claims;
	}

	/**
	 * The endpoint has no query parameters of its own; its "request" is the host the environment
	 * belongs to, looked up once per connection (after an admin's move, a client reconnects to
	 * follow the new host).
	 */
	@Override
	protected String parse(URI uri, Caller caller, String environmentId) {
		return this.claims.hostOf(environmentId).orElse(null);
	}

	@Override
	protected void start(WebSocketSession session, Decision<String> admitted) {
		StatusConnection connection = this.outbox.connection(session, admitted.environmentId(), admitted.lease(),
				admitted.request());
		register(session, connection, admitted);
		this.view.subscribe(connection.environmentId, connection);
	}

	@Override
	protected CloseStatus message(StatusConnection connection, String text) {
		TopicsRequest request;
		try {
			request = TopicsRequest.parse(text);
		}
		catch (IllegalArgumentException ex) {
			return new CloseStatus(1008, ex.getMessage());
		}
		if (request.topics().contains(TopicsRequest.Topic.ALERTS)) {
			connection.receiveAlerts(request.subscribe());
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
	protected void ping(StatusConnection connection) {
		connection.ping();
	}

	@Override
	protected void close(StatusConnection connection, CloseStatus status) {
		SessionSends.closeQuietly(connection.session, status);
	}

	@Override
	protected void closeAfterQueued(StatusConnection connection, CloseStatus status) {
		connection.closeAfterQueued(status);
	}

	@Override
	protected void release(StatusConnection connection, CloseStatus status) {
		this.view.unsubscribe(connection.environmentId, connection);
		connection.discard();
	}

}
