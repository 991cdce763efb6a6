package io.envstream.gateway.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The release of connection leases, off the socket threads and in batches: a close only queues its
 * lease, and one thread deletes everything queued with one statement, so 10k connections closing at
 * once cost a few round trips to PostgreSQL, not 10k on the threads that also carry live lines. A
 * lease whose release failed is kept aside ({@link #unreleased}) for the next renewal, never renewed.
 */
final class LeaseReleases {

	private static final Logger logger = LoggerFactory.getLogger(LeaseReleases.class);

	/** Most leases one statement deletes: bounds the statement's size and the lock it holds. */
	private static final int MAX_BATCH = 5000;

	private final JdbcClient jdbc;

	private final ExecutorService releaser;

	private final ConcurrentLinkedQueue<UUID> queued = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean flushScheduled = new AtomicBoolean();

	private final Set<UUID> unreleased = ConcurrentHashMap.newKeySet();

	private final Counter batches;

	LeaseReleases(JdbcClient jdbc, ExecutorService releaser, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.releaser = releaser;
		Gauge.builder("envstream.gateway.leases.unreleased", this.unreleased, Set::size)
			.description("Connection leases whose release failed, waiting for the next renewal to release them")
			.register(registry);
		this.batches = Counter.builder("envstream.gateway.leases.release.batches")
			.description("Statements that released connection leases (each releases every lease queued meanwhile)")
			.register(registry);
	}

	/** Queues the lease's release; never blocks. */
	void release(UUID lease) {
		this.queued.add(lease);
		if (this.flushScheduled.compareAndSet(false, true)) {
			try {
				this.releaser.execute(() -> {
					this.flushScheduled.set(false);
					flush();
				});
			}
			catch (RejectedExecutionException ex) {
				// shutting down: the gateway's leases are released all at once, or they expire
				this.flushScheduled.set(false);
			}
		}
	}

	/**
	 * Deletes every lease queued so far. An acquisition calls it first, so a lease this gateway
	 * released counts no more when it admits the next connection, as if released at once.
	 */
	synchronized void flush() {
		while (!this.queued.isEmpty()) {
			List<UUID> batch = new ArrayList<>();
			UUID lease;
			while (batch.size() < MAX_BATCH && (lease = this.queued.poll()) != null) {
				batch.add(lease);
			}
			try {
				this.jdbc.sql("DELETE FROM connection_leases WHERE lease_id = ANY(CAST(? AS uuid[]))")
					.param(uuidArray(batch))
					.update();
				this.batches.increment();
			}
			catch (RuntimeException ex) {
				// renew() must not keep them alive: they would count against their users until this gateway stops
				this.unreleased.addAll(batch);
				logger.warn("could not release {} connection leases (released again at the next renewal, or they expire): {}",
						batch.size(), ex.getMessage());
				return;
			}
		}
	}

	/** Retries the releases that failed; throws if PostgreSQL still cannot answer. */
	void retryUnreleased() {
		if (!this.unreleased.isEmpty()) {
			Set<UUID> released = Set.copyOf(this.unreleased);
			this.jdbc.sql("DELETE FROM connection_leases WHERE lease_id = ANY(CAST(? AS uuid[]))")
				.param(uuidArray(released))
				.update();
			this.unreleased.removeAll(released);
		}
	}

	/** The leases not to renew: those whose release failed, as a PostgreSQL array literal. */
	String unreleasedArray() {
		return uuidArray(this.unreleased);
	}

	private static String uuidArray(Iterable<UUID> ids) {
		List<String> names = new ArrayList<>();
		ids.forEach((id) -> names.add(id.toString()));
		return names.stream().collect(Collectors.joining(",", "{", "}"));
	}

}
