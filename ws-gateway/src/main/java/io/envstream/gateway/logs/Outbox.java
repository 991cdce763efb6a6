package io.envstream.gateway.logs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.envstream.gateway.ws.SessionSends;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends each subscription's queue in order, one drain at a time per connection, on a small pool:
 * a blocking send to a slow client ties up one of these threads, never the fan-out's or a
 * reader's. A drain gives its thread up after a few frames so busy clients share the pool.
 */
@Component
class Outbox {

	private static final int FRAMES_PER_TURN = 32;

	private static final String LIVE = FrameEncoder.live();

	private final ExecutorService senders;

	private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

	private final LogsMetrics metrics;

	Outbox(LogsMetrics metrics, GatewayExecutors executors) {
		this.metrics = metrics;
		this.senders = executors.pool("logs-sender", Math.max(4, Runtime.getRuntime().availableProcessors() * 4));
	}

	void register(Subscription subscription, WebSocketSession session) {
		this.sessions.put(subscription.id, session);
	}

	void unregister(Subscription subscription) {
		this.sessions.remove(subscription.id);
	}

	/** Makes sure someone drains the subscription's queue. Never blocks. */
	void kick(Subscription subscription) {
		if (subscription.claimDrain()) {
			try {
				this.senders.execute(() -> drain(subscription));
			}
			catch (RejectedExecutionException ex) {
				subscription.markClosed();
			}
		}
	}

	/** Queues an {@code error} message (a request refused, the connection stays open) and sends it. */
	void error(Subscription subscription, String code, String message) {
		subscription.control(Frame.control(FrameEncoder.error(code, message)));
		kick(subscription);
	}

	private void drain(Subscription subscription) {
		WebSocketSession session = this.sessions.get(subscription.id);
		for (int i = 0; i < FRAMES_PER_TURN; i++) {
			Frame frame = subscription.take();
			if (frame == null) {
				return;
			}
			if (session == null || !session.isOpen()) {
				continue;
			}
			if (!SessionSends.send(session, frame.close(), frame.ping(), frame.message())) {
				subscription.markClosed();
			}
			else if (frame.message() != null) {
				this.metrics.sent(frame);
				if (subscription.reconnection != null && (frame.lines() > 0 || LIVE.equals(frame.json()))) {
					subscription.reconnection.delivered();
				}
			}
		}
		subscription.releaseDrain();
		kick(subscription);
	}

	/** Closes at once, not waiting for the queue. */
	void close(Subscription subscription, CloseStatus status) {
		WebSocketSession session = this.sessions.get(subscription.id);
		if (session != null) {
			SessionSends.closeQuietly(session, status);
		}
	}

}
