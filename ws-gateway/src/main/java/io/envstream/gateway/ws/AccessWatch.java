package io.envstream.gateway.ws;

import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.envstream.gateway.security.EnvironmentAccess;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Keeps an open connection no longer than its token and its access: every second a pass closes
 * with 4401 the connections whose token's {@code exp} has passed, and every
 * {@code access-recheck-interval} a pass asks PostgreSQL again whether each caller still has the
 * permission its connection needs (read, or exec for a terminal) and closes with 4403 those whose grant
 * was revoked. Like {@link Heartbeats}, one
 * pass over all connections, no timer per connection. The re-check runs on its own thread, one
 * query at a time, so a slow PostgreSQL delays only the re-check, never a socket or a heartbeat.
 */
@Component
public class AccessWatch {

	static final CloseStatus TOKEN_EXPIRED = WatchedConnections.TOKEN_EXPIRED;

	private final WatchedConnections connections;

	AccessWatch(ScheduledExecutorService gatewayScheduler, GatewayExecutors executors, EnvironmentAccess access,
			GatewayProperties properties, MeterRegistry registry) {
		this.connections = new WatchedConnections(access::check, registry);
		gatewayScheduler.scheduleWithFixedDelay(() -> this.connections.closeExpired(Instant.now()), 1, 1,
				TimeUnit.SECONDS);
		long interval = properties.accessRecheckInterval().toMillis();
		executors.scheduled("gateway-access-recheck", 1)
			.scheduleWithFixedDelay(this.connections::recheck, interval, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Watches an admitted connection until {@link #unwatch}.
	 * @param session the connection
	 * @param admitted its admission: caller, environment, the permission it needs, and token expiry
	 * @param close closes the connection at once with the given status (as its heartbeat does)
	 */
	void watch(WebSocketSession session, ConnectionAdmission.Decision<?> admitted, Consumer<CloseStatus> close) {
		this.connections.watch(session.getId(), new WatchedConnections.Grant(admitted.environmentId(),
				admitted.caller(), admitted.required()), admitted.tokenExpiresAt(), close);
	}

	/** Stops watching a closed connection. */
	void unwatch(WebSocketSession session) {
		this.connections.unwatch(session.getId());
	}

	/** Whether {@code status} is the close for an expired token (the terminal detaches its shell first). */
	public static boolean tokenExpired(CloseStatus status) {
		return TOKEN_EXPIRED.equals(status);
	}

}
