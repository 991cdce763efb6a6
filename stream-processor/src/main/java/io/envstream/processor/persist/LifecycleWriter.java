package io.envstream.processor.persist;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.status.Lifecycle;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts restarts into environment_activity from envstream.status, in record order and in one transaction per
 * poll. Where each environment's reading stands ({@link Lifecycle} and the position of its last status) is kept
 * in environment_lifecycle in the same transaction, so a status delivered again (its position is not past the
 * stored one) changes nothing. Only the states of the host an environment belongs to count, as only they show in
 * the gateway.
 */
class LifecycleWriter {

	/** A status as read, with its position in envstream.status. */
	record Change(int partition, long offset, EnvironmentStatus status) {
	}

	private static final String CLAIMED_HOST = "SELECT host_id FROM environments WHERE environment_id = ?";

	private static final String READ = """
			SELECT kafka_partition, kafka_offset, down FROM environment_lifecycle WHERE environment_id = ?
			FOR UPDATE""";

	private static final String STORE = """
			INSERT INTO environment_lifecycle (environment_id, kafka_partition, kafka_offset, down)
			VALUES (?, ?, ?, ?)
			ON CONFLICT (environment_id) DO UPDATE SET kafka_partition = excluded.kafka_partition,
			  kafka_offset = excluded.kafka_offset, down = excluded.down""";

	private static final String RESTART = """
			INSERT INTO environment_activity (environment_id, minute, restarts) VALUES (?, ?, 1)
			ON CONFLICT (environment_id, minute) DO UPDATE SET restarts = environment_activity.restarts + 1""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	LifecycleWriter(JdbcTemplate jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/** @return the restarts counted */
	int write(List<Change> changes) {
		Integer restarts = this.transaction.execute((status) -> {
			int counted = 0;
			for (Change change : changes) {
				counted += apply(change) ? 1 : 0;
			}
			return counted;
		});
		return (restarts != null) ? restarts : 0;
	}

	private boolean apply(Change change) {
		EnvironmentStatus status = change.status();
		String environmentId = status.getEnvId();
		List<String> claimedHost = this.jdbc.queryForList(CLAIMED_HOST, String.class, environmentId);
		if (!claimedHost.isEmpty() && !claimedHost.get(0).equals(status.getHostId())) {
			return false;
		}
		List<Stored> stored = this.jdbc.query(READ, (rs, n) -> new Stored(rs.getInt(1), rs.getLong(2),
				new Lifecycle(rs.getBoolean(3))), environmentId);
		if (!stored.isEmpty() && stored.get(0).partition() == change.partition()
				&& stored.get(0).offset() >= change.offset()) {
			return false;
		}
		Lifecycle before = stored.isEmpty() ? Lifecycle.UNSEEN : stored.get(0).lifecycle();
		this.jdbc.update(STORE, environmentId, change.partition(), change.offset(),
				before.next(status.getStatus()).down());
		if (!before.restartedBy(status.getStatus())) {
			return false;
		}
		Instant minute = Instant.ofEpochMilli(status.getTimestampMillis()).truncatedTo(ChronoUnit.MINUTES);
		this.jdbc.update(RESTART, environmentId, Timestamp.from(minute));
		return true;
	}

	private record Stored(int partition, long offset, Lifecycle lifecycle) {
	}

}
