package io.envstream.gateway.status;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.envstream.gateway.limits.ConnectionLimits.Lease;
import io.envstream.gateway.ws.NonBlockingSends;
import io.envstream.gateway.ws.NonBlockingSends.Sent;
import io.envstream.gateway.ws.SessionSends;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends each status connection's frames in order on a small pool, one drain and one frame in flight
 * per connection at a time. A message is written without waiting on the client's socket
 * ({@link NonBlockingSends}): its completion resumes the drain, so a client that stops reading
 * holds no sender thread, and one the socket takes no bytes from for {@code heartbeat-timeout} is
 * closed with 1011 "send failed".
 */
@Component
class StatusOutbox {

	private final ExecutorService senders;

	private final StatusMetrics metrics;

	private final Duration sendTimeout;

	StatusOutbox(StatusMetrics metrics, GatewayExecutors executors, GatewayProperties properties) {
		this.metrics = metrics;
		this.senders = executors.pool("status-sender", 4);
		this.sendTimeout = properties.heartbeatTimeout();
	}

	/** A connection whose frames this outbox sends to {@code session}. */
	StatusConnection connection(WebSocketSession session, String environmentId, Lease lease, String claimedHost) {
		NonBlockingSends.bound(session, this.sendTimeout);
		return new StatusConnection(session, environmentId, lease, claimedHost, (connection) -> onSender(connection,
				() -> drain(connection)));
	}

	private void onSender(StatusConnection connection, Runnable work) {
		try {
			this.senders.execute(work);
		}
		catch (RejectedExecutionException ex) {
			// shutting down
			connection.discard();
		}
	}

	/** Sends until a message is in flight (its completion goes on) or the queue is empty. */
	private void drain(StatusConnection connection) {
		WebSocketSession session = connection.session;
		StatusFrame frame;
		while ((frame = connection.take()) != null) {
			if (!session.isOpen()) {
				connection.discard();
				continue;
			}
			if (frame.json() == null) {
				if (!SessionSends.send(session, frame.close(), frame.ping(), (TextMessage) null)) {
					connection.discard();
				}
				continue;
			}
			StatusFrame sending = frame;
			Sent sent = NonBlockingSends.send(session, new TextMessage(frame.json()),
					(ok) -> onSender(connection, () -> afterSend(connection, sending, ok)));
			if (sent == Sent.PENDING) {
				return;
			}
			sent(connection, frame, sent == Sent.DONE);
		}
	}

	private void afterSend(StatusConnection connection, StatusFrame frame, boolean ok) {
		sent(connection, frame, ok);
		drain(connection);
	}

	private void sent(StatusConnection connection, StatusFrame frame, boolean ok) {
		if (!ok) {
			connection.discard();
			SessionSends.closeQuietly(connection.session, SessionSends.SEND_FAILED);
		}
		else {
			this.metrics.endpoint().sent(frame.timestampMillis() * 1_000_000L);
		}
	}

}
