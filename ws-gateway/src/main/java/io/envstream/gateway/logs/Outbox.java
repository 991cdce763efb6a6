package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.envstream.gateway.ws.NonBlockingSends;
import io.envstream.gateway.ws.NonBlockingSends.Sent;
import io.envstream.gateway.ws.SessionSends;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends each subscription's queue in order, one frame in flight per connection, on a small pool.
 * A text frame is written without waiting on the client's socket ({@link NonBlockingSends}): the
 * drain stops there and its completion resumes it on the pool, so a client that stops reading
 * holds no thread, and no client waits for another's. A drain gives its thread up after a few
 * frames written at once, so busy clients share the pool. A frame the client takes no bytes of for
 * {@code heartbeat-timeout} (it cannot have answered a ping either) closes the connection with
 * 1011 "send failed".
 */
@Component
class Outbox {

	private static final int FRAMES_PER_TURN = 32;

	private static final String LIVE = FrameEncoder.live();

	private final ExecutorService senders;

	private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

	private final LogsMetrics metrics;

	private final Duration sendTimeout;

	Outbox(LogsMetrics metrics, GatewayExecutors executors, GatewayProperties properties) {
		this.metrics = metrics;
		this.senders = executors.pool("logs-sender", Math.max(4, Runtime.getRuntime().availableProcessors() * 4));
		this.sendTimeout = properties.heartbeatTimeout();
	}

	void register(Subscription subscription, WebSocketSession session) {
		NonBlockingSends.bound(session, this.sendTimeout);
		this.sessions.put(subscription.id, session);
	}

	void unregister(Subscription subscription) {
		this.sessions.remove(subscription.id);
	}

	/** Makes sure someone drains the subscription's queue. Never blocks. */
	void kick(Subscription subscription) {
		if (subscription.claimDrain()) {
			onSender(subscription, () -> drain(subscription));
		}
	}

	/** Queues an {@code error} message (a request refused, the connection stays open) and sends it. */
	void error(Subscription subscription, String code, String message) {
		subscription.control(Frame.control(FrameEncoder.error(code, message)));
		kick(subscription);
	}

	/** Sends frames until one is in flight, the queue is empty, or the turn is over; the caller holds the drain. */
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
			if (frame.message() == null) {
				if (!SessionSends.send(session, frame.close(), frame.ping(), (TextMessage) null)) {
					subscription.markClosed();
				}
				continue;
			}
			Sent sent = NonBlockingSends.send(session, frame.message(),
					(ok) -> onSender(subscription, () -> afterSend(subscription, session, frame, ok)));
			if (sent == Sent.PENDING) {
				return; // still holding the drain: the completion goes on
			}
			sent(subscription, session, frame, sent == Sent.DONE);
		}
		subscription.releaseDrain();
		kick(subscription);
	}

	private void afterSend(Subscription subscription, WebSocketSession session, Frame frame, boolean ok) {
		sent(subscription, session, frame, ok);
		drain(subscription);
	}

	private void sent(Subscription subscription, WebSocketSession session, Frame frame, boolean ok) {
		if (!ok) {
			subscription.markClosed();
			SessionSends.closeQuietly(session, SessionSends.SEND_FAILED);
			return;
		}
		this.metrics.sent(frame);
		if (subscription.reconnection != null && (frame.lines() > 0 || LIVE.equals(frame.json()))) {
			subscription.reconnection.delivered();
		}
	}

	/** Runs {@code work} on a sender thread; a pool that is shut down ends the subscription. */
	private void onSender(Subscription subscription, Runnable work) {
		try {
			this.senders.execute(work);
		}
		catch (RejectedExecutionException ex) {
			subscription.markClosed();
		}
	}

	/**
	 * Closes at once, not waiting for the queue, on a sender thread: a close waits for a text in
	 * flight (at most {@link NonBlockingSends}' control timeout), never on the caller's thread.
	 */
	void close(Subscription subscription, CloseStatus status) {
		WebSocketSession session = this.sessions.get(subscription.id);
		if (session != null) {
			try {
				this.senders.execute(() -> SessionSends.closeQuietly(session, status));
			}
			catch (RejectedExecutionException ex) {
				SessionSends.closeQuietly(session, status);
			}
		}
	}

}
