package io.envstream.gateway.limits;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Cluster-wide connection limits, kept in PostgreSQL so every replica counts the same leases:
 * the connect rate (a token bucket per user) and open connections per user and per environment
 * (leases this gateway renews while it lives and that expire when it dies). Releases are queued and
 * written in batches off the socket threads ({@link LeaseReleases}).
 */
@Component
public class ConnectionLimits {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionLimits.class);

	/** A held lease, to {@link #release} when the connection closes. */
	public record Lease(UUID id) {
	}

	/** The outcome of {@link #acquire}: a lease, or why not. */
	public record Admission(Lease lease, String refusal) {
		public boolean admitted() {
			return this.lease != null;
		}
	}

	private final JdbcClient jdbc;

	private final GatewayProperties properties;

	private final String gatewayId = "gw-" + UUID.randomUUID();

	private final LeaseReleases releases;

	ConnectionLimits(JdbcClient jdbc, GatewayProperties properties, ScheduledExecutorService scheduler,
			GatewayExecutors executors, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.releases = new LeaseReleases(jdbc, executors.single("lease-release"), registry);
		long period = Math.max(1, properties.leaseTtl().toMillis() / 3);
		scheduler.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
	}

	public String gatewayId() {
		return this.gatewayId;
	}

	/** Why {@link #takeConnectToken} said no. */
	public static final String RATE_EXCEEDED = "connect rate exceeded, retry later";

	/**
	 * Takes a token from the user's connect bucket: false when the user connects faster than the rate
	 * allows. Every connect attempt of an authenticated user takes one, whatever it asks for.
	 */
	public boolean takeConnectToken(String user) {
		return Boolean.TRUE.equals(this.jdbc.sql("SELECT envstream_take_connect_token(?, ?, ?)")
			.params(user, this.properties.connectRateBurst(), this.properties.connectRatePerSecond())
			.query(Boolean.class)
			.single());
	}

	/** Takes a lease for {@code endpoint}: admitted, or over the user's or the environment's limit. */
	public Admission acquireLease(String user, String environmentId, String endpoint) {
		this.releases.flush();
		UUID id = UUID.randomUUID();
		Optional<String> limit = this.jdbc
			.sql("SELECT envstream_try_acquire_connection_lease(?, ?, ?, ?, ?, CAST(? AS interval), ?, ?)")
			.params(id, user, environmentId, endpoint, this.gatewayId, interval(this.properties.leaseTtl()),
					this.properties.maxConnectionsPerUser(), this.properties.maxConnectionsPerEnvironment())
			.query(String.class)
			.optional();
		return limit.map((which) -> new Admission(null, "user".equals(which)
				? "too many connections for this user (" + this.properties.maxConnectionsPerUser() + ")"
				: "too many connections to this environment (" + this.properties.maxConnectionsPerEnvironment() + ")"))
			.orElseGet(() -> new Admission(new Lease(id), null));
	}

	/** Queues the lease's release (written in a batch by another thread); never blocks. */
	public void release(Lease lease) {
		this.releases.release(lease.id());
	}

	/**
	 * Releases the leases whose release failed, then renews every other lease of this gateway well
	 * before it expires; sweeps the dead ones of others.
	 */
	void renew() {
		try {
			this.releases.retryUnreleased();
			this.jdbc.sql("UPDATE connection_leases SET expires_at = clock_timestamp() + CAST(? AS interval)"
					+ " WHERE gateway_id = ? AND lease_id <> ALL(CAST(? AS uuid[]))")
				.params(interval(this.properties.leaseTtl()), this.gatewayId, this.releases.unreleasedArray())
				.update();
			this.jdbc.sql("SELECT envstream_sweep_connection_leases()").query(Long.class).single();
		}
		catch (RuntimeException ex) {
			logger.warn("could not renew connection leases: {}", ex.getMessage());
		}
	}

	public void releaseAll() {
		try {
			this.jdbc.sql("DELETE FROM connection_leases WHERE gateway_id = ?").param(this.gatewayId).update();
		}
		catch (RuntimeException ex) {
			logger.warn("could not release the leases of {}: {}", this.gatewayId, ex.getMessage());
		}
	}

	static String interval(Duration duration) {
		return duration.toMillis() + " milliseconds";
	}

}
