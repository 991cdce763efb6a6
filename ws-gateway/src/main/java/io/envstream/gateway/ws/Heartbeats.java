package io.envstream.gateway.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.envstream.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The heartbeat of every WebSocket connection: a ping each {@code heartbeat-interval}; a
 * connection with no pong for {@code heartbeat-timeout} is closed with 1000 so its resources are
 * released. Timeouts are checked more often than pings are sent (every second, or a tenth of the
 * timeout if that is shorter), so the close comes at the timeout, not at the next ping after it.
 * Each endpoint says how to ping and close its connections, because each serialises its sends in
 * its own way.
 */
@Component
class Heartbeats {

	private static final Logger logger = LoggerFactory.getLogger(Heartbeats.class);

	static final CloseStatus TIMED_OUT = CloseStatus.NORMAL.withReason("heartbeat timeout");

	private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();

	private final long timeoutNanos;

	Heartbeats(ScheduledExecutorService gatewayScheduler, GatewayProperties properties) {
		this.timeoutNanos = properties.heartbeatTimeout().toNanos();
		long interval = properties.heartbeatInterval().toMillis();
		gatewayScheduler.scheduleWithFixedDelay(this::ping, interval, interval, TimeUnit.MILLISECONDS);
		// a tenth of the timeout, between 1 ms and a second: one pass over the map, no timer per connection
		long check = Math.max(1, Math.min(1000, properties.heartbeatTimeout().toMillis() / 10));
		gatewayScheduler.scheduleWithFixedDelay(this::closeTimedOut, check, check, TimeUnit.MILLISECONDS);
	}

	/**
	 * Starts the heartbeat of a connection.
	 * @param session the connection
	 * @param ping sends a ping frame (must not block for long)
	 * @param close closes the connection with the given status
	 */
	void track(WebSocketSession session, Runnable ping, Consumer<CloseStatus> close) {
		this.tracked.put(session.getId(), new Tracked(ping, close));
	}

	/** The connection answered: it counts as alive from now. */
	void pong(WebSocketSession session) {
		Tracked connection = this.tracked.get(session.getId());
		if (connection != null) {
			connection.lastPongNanos = System.nanoTime();
		}
	}

	/** Stops the heartbeat of a closed connection. */
	void untrack(WebSocketSession session) {
		this.tracked.remove(session.getId());
	}

	private void ping() {
		this.tracked.values().forEach((connection) -> {
			try {
				connection.ping.run();
			}
			catch (RuntimeException ex) {
				logger.warn("heartbeat ping failed", ex);
			}
		});
	}

	private void closeTimedOut() {
		long now = System.nanoTime();
		this.tracked.entrySet().removeIf((entry) -> {
			if (now - entry.getValue().lastPongNanos <= this.timeoutNanos) {
				return false;
			}
			try {
				entry.getValue().close.accept(TIMED_OUT);
			}
			catch (RuntimeException ex) {
				logger.warn("heartbeat close failed", ex);
			}
			return true;
		});
	}

	private static final class Tracked {

		final Runnable ping;

		final Consumer<CloseStatus> close;

		volatile long lastPongNanos = System.nanoTime();

		Tracked(Runnable ping, Consumer<CloseStatus> close) {
			this.ping = ping;
			this.close = close;
		}

	}

}
