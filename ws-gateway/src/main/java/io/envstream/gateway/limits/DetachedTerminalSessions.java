package io.envstream.gateway.limits;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Terminal sessions left detached at an agent, per user and cluster-wide, in PostgreSQL
 * ({@code detached_terminal_sessions}): a row from the detach until a reattach, the session's end,
 * or the grace period. A new terminal is refused while the user holds the maximum; reattaching
 * never is.
 */
@Component
public class DetachedTerminalSessions {

	private static final Logger logger = LoggerFactory.getLogger(DetachedTerminalSessions.class);

	private final JdbcClient jdbc;

	private final LimitsProperties properties;

	DetachedTerminalSessions(JdbcClient jdbc, LimitsProperties properties, ScheduledExecutorService scheduler) {
		this.jdbc = jdbc;
		this.properties = properties;
		scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
	}

	/**
	 * Why {@code user} may not open another terminal, or empty when they may.
	 * @throws org.springframework.dao.DataAccessException when PostgreSQL cannot answer
	 */
	public Optional<String> refusalOfNewSession(String user) {
		long detached = this.jdbc
			.sql("SELECT count(*) FROM detached_terminal_sessions WHERE user_id = ? AND expires_at > clock_timestamp()")
			.param(user)
			.query(Long.class)
			.single();
		int max = this.properties.detachedTerminalSessions();
		return (detached < max) ? Optional.empty()
				: Optional.of("too many detached terminal sessions (" + max + "): reattach or end one");
	}

	/** The session stays alive detached: it counts against {@code user} until the grace period ends. */
	public void detached(String sessionId, String user, String environmentId) {
		try {
			this.jdbc.sql("INSERT INTO detached_terminal_sessions (session_id, user_id, environment_id, detached_at,"
					+ " expires_at) VALUES (?, ?, ?, clock_timestamp(), clock_timestamp() + CAST(? AS interval))"
					+ " ON CONFLICT (session_id) DO UPDATE SET detached_at = excluded.detached_at,"
					+ " expires_at = excluded.expires_at")
				.params(sessionId, user, environmentId, ConnectionLimits.interval(this.properties.detachedTerminalGrace()))
				.update();
		}
		catch (RuntimeException ex) {
			// the session runs either way; it just does not count until the next detach
			logger.warn("could not count detached terminal session {} of {}: {}", sessionId, user, ex.getMessage());
		}
	}

	/** {@code user}'s session is reattached or ended: it stops counting. Another user's row stays. */
	public void forget(String sessionId, String user) {
		try {
			this.jdbc.sql("DELETE FROM detached_terminal_sessions WHERE session_id = ? AND user_id = ?")
				.params(sessionId, user)
				.update();
		}
		catch (RuntimeException ex) {
			logger.warn("could not stop counting terminal session {} of {} (it expires after the grace period): {}",
					sessionId, user, ex.getMessage());
		}
	}

	void sweep() {
		try {
			this.jdbc.sql("DELETE FROM detached_terminal_sessions WHERE expires_at <= clock_timestamp()").update();
		}
		catch (RuntimeException ex) {
			logger.warn("could not sweep expired detached terminal sessions: {}", ex.getMessage());
		}
	}

}
