package io.envstream.processor.persist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.envstream.testsupport.postgres.PostgresFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the maintenance on a clock in March 2020, so the shared database's current partitions are not touched. */
class PartitionMaintenanceIntegrationTests {

	private static final Instant NOW = Instant.parse("2020-03-10T12:00:00Z");

	private final JdbcTemplate jdbc = new JdbcTemplate(PostgresFixture.shared().dataSource());

	private final PartitionMaintenance maintenance = new PartitionMaintenance(this.jdbc,
			new TransactionTemplate(new DataSourceTransactionManager(PostgresFixture.shared().dataSource())),
			Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7), 3);

	@AfterEach
	void dropThe2020Partitions() {
		this.jdbc.queryForList("SELECT envstream_drop_log_partitions_before('2021-01-01')", String.class);
		this.jdbc.update("DELETE FROM log_batches WHERE environment_id = 'retention'");
		this.jdbc.update("DELETE FROM environment_activity WHERE environment_id = 'retention'");
	}

	@Test
	void dropsPartitionsOlderThanTheRetentionAndKeepsTheOthersWithTheirRows() {
		// given
		this.jdbc.queryForList("SELECT envstream_ensure_log_partitions('2020-03-01', 4)", String.class);
		insertLineAt("2020-03-02T23:59:59Z", 1);
		insertLineAt("2020-03-03T00:00:00Z", 2);

		// when
		List<String> dropped = this.maintenance.run();

		// then
		assertThat(dropped).containsExactly("log_batches_20200301", "log_batches_20200302");
		assertThat(partitions()).contains("log_batches_20200303", "log_batches_20200304")
			.doesNotContain("log_batches_20200301", "log_batches_20200302");
		assertThat(this.jdbc.queryForList("SELECT seq FROM log_lines WHERE environment_id = 'retention'", Long.class))
			.containsExactly(2L);
	}

	@Test
	void createsPartitionsFromYesterdayToTheDaysAhead() {
		this.maintenance.run();

		assertThat(partitions()).contains("log_batches_20200309", "log_batches_20200310", "log_batches_20200313")
			.doesNotContain("log_batches_20200308", "log_batches_20200314");
	}

	@Test
	void purgesExpiredRowsOfTheDefaultPartition() {
		insertLineAt("2020-01-15T08:00:00Z", 3);

		this.maintenance.run();

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM log_batches_default WHERE environment_id = 'retention'",
				Long.class)).isZero();
	}

	@Test
	void deletesTheActivityOfTheDroppedDaysWithThem() {
		String activity = "INSERT INTO environment_activity (environment_id, minute, stdout_lines) VALUES ('retention', ?::timestamptz, 1)";
		this.jdbc.update(activity, "2020-03-02T23:59:00Z");
		this.jdbc.update(activity, "2020-03-03T00:00:00Z");

		this.maintenance.run();

		assertThat(this.jdbc.queryForList("SELECT to_char(minute AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM "
				+ "environment_activity WHERE environment_id = 'retention'", String.class))
			.containsExactly("2020-03-03 00:00");
	}

	private List<String> partitions() {
		return this.jdbc.queryForList("""
				SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = 'log_batches'::regclass AND c.relname LIKE 'log_batches_2020%'""", String.class);
	}

	private void insertLineAt(String time, long seq) {
		this.jdbc.update("""
				INSERT INTO log_batches (environment_id, kafka_partition, kafka_offset, min_ts, max_ts, line_count,
				  ts_nanos, streams, container_ids, host_ids, seqs, messages)
				VALUES ('retention', 0, ?, ?::timestamptz, ?::timestamptz, 1, '{0}', 'o', '{c}', '{h}', ARRAY[?::bigint],
				  '{old line}')""", seq, time, time, seq);
	}

}
