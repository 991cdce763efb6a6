package io.envstream.gateway.status;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.envstream.gateway.limits.ConnectionLimits.Lease;
import io.envstream.gateway.ws.SessionSends;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends each status connection's frames in order on a small pool, one drain per connection at a
 * time: a blocking send to a slow client ties up one of these threads, never the view's.
 */
@Component
class StatusOutbox {

	private final ExecutorService senders;

	private final StatusMetrics metrics;

	StatusOutbox(StatusMetrics metrics, GatewayExecutors executors) {
		this.metrics = metrics;
		this.senders = executors.pool("status-sender", 4);
	}

	/** A connection whose frames this outbox sends to {@code session}. */
	StatusConnection connection(WebSocketSession session, String environmentId, Lease lease, String claimedHost) {
		return new StatusConnection(session, environmentId, lease, claimedHost, this::drainLater);
	}

	private void drainLater(StatusConnection connection) {
		try {
			this.senders.execute(() -> drain(connection));
		}
		catch (RejectedExecutionException ex) {
			// shutting down
			connection.discard();
		}
	}

	private void drain(StatusConnection connection) {
		WebSocketSession session = connection.session;
		StatusFrame frame;
		while ((frame = connection.take()) != null) {
			if (!session.isOpen()) {
				connection.discard();
				continue;
			}
			if (!SessionSends.send(session, frame.close(), frame.ping(), frame.json())) {
				connection.discard();
			}
			else if (frame.json() != null) {
				this.metrics.endpoint().sent(frame.timestampMillis() * 1_000_000L);
			}
		}
	}

}
