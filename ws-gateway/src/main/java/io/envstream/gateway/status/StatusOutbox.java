package io.envstream.gateway.status;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.envstream.gateway.limits.ConnectionLimits.Lease;
import io.envstream.gateway.ws.JoiningTextWebSocketHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends each status connection's frames in order on a small pool, one drain per connection at a
 * time: a blocking send to a slow client ties up one of these threads, never the view's.
 */
@Component
class StatusOutbox {

	private static final Logger logger = LoggerFactory.getLogger(StatusOutbox.class);

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
		StatusConnection.Frame frame;
		while ((frame = connection.take()) != null) {
			if (!session.isOpen()) {
				connection.discard();
				continue;
			}
			try {
				if (frame.close() != null) {
					session.close(frame.close());
				}
				else if (frame.ping()) {
					session.sendMessage(new PingMessage());
				}
				else {
					session.sendMessage(new TextMessage(frame.json()));
					this.metrics.endpoint().sent(frame.timestampMillis() * 1_000_000L);
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("send to {} failed: {}", session.getId(), ex.getMessage());
				connection.discard();
				JoiningTextWebSocketHandler.closeQuietly(session, CloseStatus.SERVER_ERROR.withReason("send failed"));
			}
		}
	}

}
