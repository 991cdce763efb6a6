package io.envstream.processor.persist;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The persister's meters. Kafka's own consumer metrics (records-lag and the like) are registered beside them. */
class PersisterMetrics {

	private final Counter inserted;

	private final Counter duplicates;

	private final Counter databaseErrors;

	private final Counter deadLetters;

	private final Timer writes;

	private final Timer lag;

	private final Counter environments;

	private final Counter claimsRefused;

	private final Counter restarts;

	private final Counter undecodableStatuses;

	PersisterMetrics(MeterRegistry registry) {
		this.inserted = Counter.builder("envstream.persister.rows")
			.description("Log lines stored in log_batches (rate: lines/s)")
			.tag("result", "inserted")
			.register(registry);
		this.duplicates = Counter.builder("envstream.persister.rows")
			.description("Log lines stored in log_batches (rate: lines/s)")
			.tag("result", "duplicate")
			.register(registry);
		this.databaseErrors = Counter.builder("envstream.persister.db.errors")
			.description("Database writes that failed and will be retried")
			.register(registry);
		this.deadLetters = Counter.builder("envstream.persister.dead.letters")
			.description("Undecodable records sent to a dead-letter topic")
			.register(registry);
		this.writes = Timer.builder("envstream.persister.write")
			.description("Duration of one bulk write of log_batches")
			.publishPercentileHistogram()
			.register(registry);
		this.lag = Timer.builder("envstream.persister.lag")
			.description("From the Docker timestamp of a batch's last line to its rows being committed")
			.publishPercentileHistogram()
			.register(registry);
		this.environments = Counter.builder("envstream.persister.environments")
			.description("Environment descriptors written to the environments table")
			.register(registry);
		this.claimsRefused = Counter.builder("envstream.persister.claims.refused")
			.description("Environment descriptors refused for conflicting with their environment's claim")
			.register(registry);
		this.restarts = Counter.builder("envstream.persister.restarts")
			.description("Restarts counted into environment_activity from envstream.status")
			.register(registry);
		this.undecodableStatuses = Counter.builder("envstream.persister.statuses.undecodable")
			.description("Records of envstream.status that are not an EnvironmentStatus, skipped")
			.register(registry);
	}

	void written(LogEntryWriter.Written written, long nanos) {
		this.inserted.increment(written.inserted());
		this.duplicates.increment(written.duplicates());
		this.writes.record(nanos, TimeUnit.NANOSECONDS);
	}

	void lagOf(long lastLineNanos) {
		long lag = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - lastLineNanos;
		this.lag.record(Duration.ofNanos(Math.max(0, lag)));
	}

	void databaseError() {
		this.databaseErrors.increment();
	}

	void deadLetter() {
		this.deadLetters.increment();
	}

	void environmentsWritten(int count) {
		this.environments.increment(count);
	}

	void claimRefused() {
		this.claimsRefused.increment();
	}

	void restarts(int count) {
		this.restarts.increment(count);
	}

	void undecodableStatus() {
		this.undecodableStatuses.increment();
	}

}
