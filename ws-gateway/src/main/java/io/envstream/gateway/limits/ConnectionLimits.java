package io.envstream.gateway.limits;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.envstream.gateway.GatewayProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Cluster-wide connection limits, kept in PostgreSQL so every replica counts the same leases:
 * the connect rate (a token bucket per user) and open connections per user and per environment
 * (leases this gateway renews while it lives and that expire when it dies).
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

	/** Leases whose release failed (PostgreSQL could not answer): released at the next renewal, never renewed. */
	private final Set<UUID> unreleased = ConcurrentHashMap.newKeySet();

	ConnectionLimits(JdbcClient jdbc, GatewayProperties properties, ScheduledExecutorService scheduler,
			MeterRegistry registry) {
		this.jdbc = jdbc;
		this.properties = properties;
		Gauge.builder("envstream.gateway.leases.unreleased", this.unreleased, Set::size)
			.description("Connection leases whose release failed, waiting for the next renewal to release them")
			.register(registry);
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

	public void release(Lease lease) {
		try {
			this.jdbc.sql("DELETE FROM connection_leases WHERE lease_id = ?").param(lease.id()).update();
		}
		catch (RuntimeException ex) {
			// renew() must not keep it alive: it would count against the user until this gateway stops
			this.unreleased.add(lease.id());
			logger.warn("could not release connection lease {} (released again at the next renewal, or it expires): {}",
					lease.id(), ex.getMessage());
		}
	}

	/**
	 * Releases the leases whose release failed, then renews every other lease of this gateway well
	 * before it expires; sweeps the dead ones of others.
	 */
	void renew() {
		try {
			if (!this.unreleased.isEmpty()) {
				Set<UUID> released = Set.copyOf(this.unreleased);
				this.jdbc.sql("DELETE FROM connection_leases WHERE lease_id = ANY(CAST(? AS uuid[]))")
					.param(uuidArray(released))
					.update();
				this.unreleased.removeAll(released);
			}
			this.jdbc.sql("UPDATE connection_leases SET expires_at = clock_timestamp() + CAST(? AS interval)"
					+ " WHERE gateway_id = ? AND lease_id <> ALL(CAST(? AS uuid[]))")
				.params(interval(this.properties.leaseTtl()), this.gatewayId, uuidArray(this.unreleased))
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

	private static String uuidArray(Set<UUID> ids) {
		return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
	}

	static String interval(Duration duration) {
		return duration.toMillis() + " milliseconds";
	}

}
