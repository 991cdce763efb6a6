package io.envstream.processor.persist;

import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the daily partitions of log_batches ready from yesterday to {@code daysAhead} days ahead, drops the
 * partitions whose whole day is older than the retention and purges what the DEFAULT partition holds of that
 * age, and deletes the environment_activity minutes of those days with them. Lines are therefore kept at least
 * the retention, and dropped at most a day later. Several processors may run it: a transaction-scoped advisory lock
 * lets one at a time do the work, the others skip their turn.
 */
class PartitionMaintenance {

	private static final Logger logger = LoggerFactory.getLogger(PartitionMaintenance.class);

	/** "envstream log partitions", the advisory lock of this job. */
	private static final long LOCK = 0x656e_7673_6c6f_6770L;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final Duration retention;

	private final int daysAhead;

	PartitionMaintenance(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, Duration retention,
			int daysAhead) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.clock = clock;
		this.retention = retention;
		this.daysAhead = daysAhead;
	}

	/** One run; a database that cannot be reached is logged and tried again next run. */
	void runSafely() {
		try {
			run();
		}
		catch (DataAccessException ex) {
			logger.warn("Partition maintenance failed, retrying at the next run: {}", ex.getMessage());
		}
	}

	/** @return the partitions dropped, or {@code null} when another processor holds the lock */
	List<String> run() {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		LocalDate keepFrom = LocalDate.ofInstant(this.clock.instant().minus(this.retention), ZoneOffset.UTC);
		return this.transaction.execute((status) -> {
			if (!Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class,
					LOCK))) {
				return null;
			}
			List<String> created = this.jdbc.queryForList("SELECT envstream_ensure_log_partitions(?, ?)", String.class,
					Date.valueOf(today.minusDays(1)), this.daysAhead + 2);
			List<String> dropped = this.jdbc.queryForList("SELECT envstream_drop_log_partitions_before(?)",
					String.class, Date.valueOf(keepFrom));
			Long purged = this.jdbc.queryForObject("SELECT envstream_purge_log_default_before(?)", Long.class,
					Date.valueOf(keepFrom));
			int activity = this.jdbc.update("DELETE FROM environment_activity WHERE minute < ?",
					Date.valueOf(keepFrom));
			if (!created.isEmpty() || !dropped.isEmpty() || (purged != null && purged > 0) || activity > 0) {
				logger.info("log_batches partitions created {}, dropped {} (before {}), {} old batches purged from "
						+ "DEFAULT, {} environment_activity minutes deleted", created, dropped, keepFrom, purged, activity);
			}
			return dropped;
		});
	}

}
