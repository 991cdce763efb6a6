package io.envstream.gateway.ws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.EnvironmentAccess;
import io.envstream.gateway.security.Permission;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;

/**
 * The open connections of every endpoint with who opened them, to what, and until when their token
 * is valid; {@link AccessWatch} runs its two passes. {@link #closeExpired} closes those whose token
 * expired with 4401. {@link #recheck} asks again whether each caller may still access the
 * environment, once per distinct caller and environment, and closes those no longer allowed with
 * 4403 (4404 when the environment is gone). When the store cannot answer, the pass stops and every
 * connection stays open: an outage of PostgreSQL degrades the re-check, it does not close streams.
 */
final class WatchedConnections {

	private static final Logger logger = LoggerFactory.getLogger(WatchedConnections.class);

	static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token expired");

	static final CloseStatus ACCESS_REVOKED = new CloseStatus(4403, "access to this environment revoked");

	static final CloseStatus ENVIRONMENT_GONE = new CloseStatus(4404, "environment not found");

	/** The access check, {@link EnvironmentAccess#check}; may throw when the store cannot answer. */
	@FunctionalInterface
	interface AccessCheck {

		EnvironmentAccess.Decision check(String environmentId, Caller caller, Permission required);

	}

	/**
	 * What one re-check query answers for: every connection of this caller to this environment that
	 * needs this permission (a terminal needs exec, so a revoked exec grant closes the shell and not the logs).
	 */
	record Grant(String environmentId, Caller caller, Permission required) {
	}

	private record Watched(Grant grant, Instant tokenExpiresAt, Consumer<CloseStatus> close) {
	}

	private final Map<String, Watched> watched = new ConcurrentHashMap<>();

	private final AccessCheck access;

	private final Counter allowed;

	private final Counter revoked;

	private final Counter failed;

	WatchedConnections(AccessCheck access, MeterRegistry registry) {
		this.access = access;
		String name = "envstream.gateway.access.rechecks";
		String description = "Re-checks of open connections' access, one per caller and environment";
		this.allowed = Counter.builder(name).tag("outcome", "allowed").description(description).register(registry);
		this.revoked = Counter.builder(name).tag("outcome", "revoked").description(description).register(registry);
		this.failed = Counter.builder(name).tag("outcome", "failed").description(description).register(registry);
	}

	/**
	 * @param id the connection's session id
	 * @param close closes the connection at once with the given status
	 */
	void watch(String id, Grant grant, Instant tokenExpiresAt, Consumer<CloseStatus> close) {
		this.watched.put(id, new Watched(grant, tokenExpiresAt, close));
	}

	void unwatch(String id) {
		this.watched.remove(id);
	}

	int size() {
		return this.watched.size();
	}

	/** Closes with 4401 every connection whose token expired at or before {@code now}. */
	void closeExpired(Instant now) {
		this.watched.values().removeIf((connection) -> {
			if (connection.tokenExpiresAt().isAfter(now)) {
				return false;
			}
			close(connection, TOKEN_EXPIRED);
			return true;
		});
	}

	/** One query per distinct caller and environment; closes the connections whose access is gone. */
	void recheck() {
		Map<Grant, List<Map.Entry<String, Watched>>> byGrant = new LinkedHashMap<>();
		this.watched.entrySet()
			.forEach((entry) -> byGrant.computeIfAbsent(entry.getValue().grant(), (grant) -> new ArrayList<>())
				.add(entry));
		for (Map.Entry<Grant, List<Map.Entry<String, Watched>>> grant : byGrant.entrySet()) {
			CloseStatus close;
			try {
				Grant key = grant.getKey();
				close = closeFor(this.access.check(key.environmentId(), key.caller(), key.required()));
			}
			catch (RuntimeException ex) {
				this.failed.increment();
				logger.warn("access re-check stopped, {} open connections keep their access until the next one: {}",
						this.watched.size(), ex.toString());
				return;
			}
			if (close == null) {
				this.allowed.increment();
				continue;
			}
			this.revoked.increment();
			for (Map.Entry<String, Watched> connection : grant.getValue()) {
				if (this.watched.remove(connection.getKey(), connection.getValue())) {
					close(connection.getValue(), close);
				}
			}
		}
	}

	/** The close for a re-check's answer, or {@code null} to keep the connection. */
	static CloseStatus closeFor(EnvironmentAccess.Decision decision) {
		return switch (decision) {
			case ALLOWED -> null;
			case FORBIDDEN -> ACCESS_REVOKED;
			case UNKNOWN -> ENVIRONMENT_GONE;
		};
	}

	private static void close(Watched connection, CloseStatus status) {
		try {
			connection.close().accept(status);
		}
		catch (RuntimeException ex) {
			logger.warn("closing a connection with {} failed", status.getCode(), ex);
		}
	}

}
