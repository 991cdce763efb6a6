package io.envstream.gateway.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.envstream.gateway.limits.ConnectionLimits;
import io.envstream.gateway.limits.ConnectionLimits.Lease;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open connections of one endpoint, by session id, from admission to close. It does what every
 * endpoint does the same way: a refused connection's close and count, the open count, heartbeats,
 * the token and access watch, the lease, and the metrics of a close. The endpoint keeps only what
 * is its own, {@code C}: the state of its messages and its source of frames.
 * @param <C> the endpoint's own state of a connection
 */
final class Connections<C> {

	private record Open<C>(C connection, Lease lease, long openedNanos) {
	}

	private final Map<String, Open<C>> open = new ConcurrentHashMap<>();

	private final EndpointMetrics metrics;

	private final Heartbeats heartbeats;

	private final AccessWatch access;

	private final ConnectionLimits limits;

	Connections(EndpointMetrics metrics, Heartbeats heartbeats, AccessWatch access, ConnectionLimits limits) {
		this.metrics = metrics;
		this.heartbeats = heartbeats;
		this.access = access;
		this.limits = limits;
	}

	/** Closes a connection that was not let in, counting its code (and a failed reconnection). */
	void reject(WebSocketSession session, CloseStatus status) {
		this.metrics.closedWith(status.getCode());
		this.metrics.refused(session);
		SessionSends.closeQuietly(session, status);
	}

	/** Counts an admitted connection open; from now on its close releases the lease. */
	void add(WebSocketSession session, C connection, Lease lease) {
		this.open.put(session.getId(), new Open<>(connection, lease, System.nanoTime()));
		this.metrics.opened();
	}

	/** Pings it (the heartbeat) and closes it when its token expires or its access is revoked. */
	void watch(WebSocketSession session, ConnectionAdmission.Decision<?> admitted, Runnable ping,
			Consumer<CloseStatus> close) {
		this.heartbeats.track(session, ping, close);
		this.access.watch(session, admitted, close);
	}

	/** @return the session's open connection, counting a message received from it; null if not open */
	C received(WebSocketSession session) {
		Open<C> connection = this.open.get(session.getId());
		if (connection == null) {
			return null;
		}
		this.metrics.received();
		return connection.connection();
	}

	void pong(WebSocketSession session) {
		this.heartbeats.pong(session);
	}

	/** Forgets a closed connection and releases its lease; @return it, for the endpoint's own clean-up, or null */
	C closed(WebSocketSession session, CloseStatus status) {
		Open<C> connection = this.open.remove(session.getId());
		if (connection == null) {
			return null;
		}
		this.heartbeats.untrack(session);
		this.access.unwatch(session);
		this.limits.release(connection.lease());
		this.metrics.closed(connection.openedNanos(), status.getCode());
		return connection.connection();
	}

	boolean contains(WebSocketSession session) {
		return this.open.containsKey(session.getId());
	}

	int size() {
		return this.open.size();
	}

	void forEach(Consumer<C> action) {
		this.open.values().forEach((connection) -> action.accept(connection.connection()));
	}

}
