package io.envstream.schemas.db;

import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.api.MigrationVersion;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The Flyway migrations against a real PostgreSQL server, one fresh database per test.
 */
class MigrationsIntegrationTests {

	/** A batch of one line at ts. */
	private static final String INSERT_BATCH = "INSERT INTO log_batches (environment_id, kafka_partition, "
			+ "kafka_offset, min_ts, max_ts, line_count, ts_nanos, streams, container_ids, host_ids, seqs, messages) "
			+ "VALUES (?, ?, ?, ?, ?, 1, ARRAY[?::bigint], 'o', '{c0ffee}', '{host-1}', ARRAY[?::bigint], '{hello}') "
			+ "ON CONFLICT DO NOTHING";

	private static final List<String> NO_SEQUENTIAL_SCANS = List.of("SET enable_seqscan = off");

	private static EmbeddedPostgres postgres;

	private MigratedDatabase db;

	private LocalDate today;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@BeforeEach
	void migrateFreshDatabase() throws SQLException {
		this.db = MigratedDatabase.create(postgres);
		this.today = this.db.today();
	}

	@Test
	void migratesAnEmptyDatabaseAndCreatesDailyPartitionsFromYesterdayToAWeekAhead() throws SQLException {
		assertThat(this.db.migrateResult().success).isTrue();
		assertThat(this.db.migrateResult().migrationsExecuted).isEqualTo(8);
		assertThat(this.db.strings("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
				+ "AND tablename NOT LIKE 'log_batches_%' AND tablename <> 'flyway_schema_history' ORDER BY 1"))
			.containsExactly("connect_rate_buckets", "connection_leases", "detached_terminal_sessions",
					"environment_acl", "environment_activity", "environment_claim_refusals", "environment_lifecycle",
					"environments", "log_batches");
		List<String> expected = new ArrayList<>(
				IntStream.rangeClosed(-1, 7).mapToObj((day) -> partition(this.today.plusDays(day))).toList());
		expected.add("log_batches_default");
		assertThat(this.db.logPartitions()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(MigratedDatabase.migrate(this.db.dataSource()).migrationsExecuted).isZero();
	}

	@Test
	void insertsABatchPositionOnlyOnce() throws SQLException {
		OffsetDateTime ts = noon(this.today);

		assertThat(insertBatch("env-a", 3, 42, ts)).isOne();
		assertThat(insertBatch("env-a", 3, 42, ts)).isZero();
		assertThat(insertBatch("env-a", 3, 43, ts)).isOne();

		assertThat(this.db.number("SELECT count(*) FROM log_batches WHERE environment_id = 'env-a'")).isEqualTo(2);
	}

	@Test
	void routesRowsToTheirDayOrToTheDefaultPartition() throws SQLException {
		insertBatch("yesterday", 0, 1, noon(this.today.minusDays(1)));
		insertBatch("long-ago", 0, 2, noon(this.today.minusDays(60)));

		assertThat(partitionOf("yesterday")).isEqualTo(partition(this.today.minusDays(1)));
		assertThat(partitionOf("long-ago")).isEqualTo("log_batches_default");
	}

	@Test
	void ensuringPartitionsIsIdempotentAndMovesRowsOutOfTheDefaultPartition() throws SQLException {
		LocalDate longAgo = this.today.minusDays(60);
		insertBatch("long-ago", 0, 2, noon(longAgo));

		assertThat(this.db.strings("SELECT envstream_ensure_log_partitions(?, 2)", longAgo))
			.containsExactly(partition(longAgo), partition(longAgo.plusDays(1)));
		assertThat(this.db.strings("SELECT envstream_ensure_log_partitions(?, 9)", this.today.minusDays(1)))
			.isEmpty();

		assertThat(partitionOf("long-ago")).isEqualTo(partition(longAgo));
		assertThat(this.db.number("SELECT count(*) FROM log_batches_default")).isZero();
		assertThat(insertBatch("long-ago", 0, 2, noon(longAgo))).isZero();
	}

	@Test
	void dropsWholeDailyPartitionsBeforeADayAndKeepsNewerOnes() throws SQLException {
		LocalDate first = this.today.minusDays(40);
		this.db.strings("SELECT envstream_ensure_log_partitions(?, 4)", first);
		insertBatch("env-a", 0, 1, noon(first));
		insertBatch("env-a", 0, 2, noon(first.plusDays(3)));
		insertBatch("env-a", 0, 3, noon(this.today.minusDays(1)));

		List<String> dropped = this.db.strings("SELECT envstream_drop_log_partitions_before(?)", first.plusDays(2));

		assertThat(dropped).containsExactly(partition(first), partition(first.plusDays(1)));
		assertThat(this.db.logPartitions()).doesNotContainAnyElementsOf(dropped)
			.contains(partition(first.plusDays(2)), partition(first.plusDays(3)), partition(this.today.minusDays(1)),
					"log_batches_default");
		assertThat(this.db.strings("SELECT kafka_offset FROM log_batches ORDER BY 1")).containsExactly("2", "3");
	}

	@Test
	void purgesOldRowsFromTheDefaultPartition() throws SQLException {
		insertBatch("env-a", 0, 1, noon(this.today.minusDays(60)));
		insertBatch("env-a", 0, 2, noon(this.today.minusDays(20)));

		assertThat(this.db.number("SELECT envstream_purge_log_default_before(?)", this.today.minusDays(30)))
			.isOne();
		assertThat(this.db.strings("SELECT kafka_offset FROM log_batches")).containsExactly("2");
	}

	@Test
	void servesNewestBatchesOfAnEnvironmentByPositionFromThePrimaryKeyWithoutSorting() throws SQLException {
		fillTwoDaysOfBatches();

		QueryPlan plan = explain("SELECT * FROM log_batches WHERE environment_id = 'env-7' "
				+ "ORDER BY kafka_partition DESC, kafka_offset DESC LIMIT 4");

		assertThat(plan.types()).doesNotContain("Seq Scan", "Sort", "Incremental Sort");
		assertThat(plan.indexes()).isNotEmpty();
		assertThat(parentIndexes(plan)).containsOnly("log_batches_pkey");
	}

	@Test
	void servesBatchesOfAnEnvironmentEndingAfterATimeFromTheTimeIndexSkippingOlderPartitions() throws SQLException {
		LocalDate yesterday = this.today.minusDays(1);
		this.db.strings("SELECT envstream_ensure_log_partitions(?, 1)", yesterday.minusDays(1));
		fillTwoDaysOfBatches();

		QueryPlan plan = explain("SELECT * FROM log_batches WHERE environment_id = 'env-7' AND max_ts >= '"
				+ yesterday + " 13:00:00+00' AND min_ts < '" + yesterday + " 14:00:00+00'");

		assertThat(plan.types()).doesNotContain("Seq Scan");
		assertThat(plan.relations()).contains(partition(yesterday)).doesNotContain(partition(yesterday.minusDays(1)));
		assertThat(parentIndexes(plan)).containsOnly("log_batches_environment_max_ts_idx");
	}

	@Test
	void rejectsABatchWhoseLinesDisagreeWithItsLineCountOrOfAnUnknownStream() {
		String insert = "INSERT INTO log_batches (environment_id, kafka_partition, kafka_offset, min_ts, max_ts, "
				+ "line_count, ts_nanos, streams, container_ids, host_ids, seqs, messages) "
				+ "VALUES ('env-a', 0, 0, now(), now(), 2, '{1,2}', ?, '{c}', ?::text[], '{1,2}', '{a,b}')";

		assertThat(sqlStateOf(() -> this.db.update(insert, "oi", "{h}"))).isEqualTo("23514");
		assertThat(sqlStateOf(() -> this.db.update(insert, "o", "{h}"))).isEqualTo("23514");
		assertThat(sqlStateOf(() -> this.db.update(insert, "oe", "{h,h,h}"))).isEqualTo("23514");
	}

	@Test
	void upgradeMovesEachBatchsLinesIntoOneRowKeepingTheirPositionsAndDropsLogEntries() throws SQLException {
		// given lines stored one per row, before V8
		MigratedDatabase before = MigratedDatabase.create(postgres, MigrationVersion.fromVersion("7"));
		String line = "INSERT INTO log_entries (environment_id, kafka_partition, kafka_offset, batch_index, ts, "
				+ "ts_nanos, stream, container_id, host_id, seq, message, metadata) VALUES (?, ?, ?, ?, "
				+ "to_timestamp(?::bigint / 1e9), ?, ?, ?, 'host-1', ?, ?, ?::jsonb)";
		long noon = noon(this.today).toEpochSecond() * 1_000_000_000L;
		before.update(line, "env-a", 1, 7, 1, noon + 2_000, noon + 2_000, "stderr", "c2", 11, "two \\ \"quoted\"",
				null);
		before.update(line, "env-a", 1, 7, 0, noon + 1_000, noon + 1_000, "stdout", "c1", 10, "one",
				"{\"redacted\":\"true\"}");
		before.update(line, "env-a", 1, 8, 0, noon + 3_000, noon + 3_000, "stdout", "c1", 12, "three", null);
		// a batch whose first line a retention run dropped: its rest could not keep batch_index
		before.update(line, "env-a", 1, 6, 1, noon, noon, "stdout", "c1", 9, "rest", null);

		// when
		assertThat(MigratedDatabase.migrate(before.dataSource()).migrations).extracting((migration) -> migration.version)
			.contains("8");

		// then
		assertThat(before.string("SELECT to_regclass('log_entries')::text")).isNull();
		assertThat(before.strings("SELECT kafka_offset || ':' || line_count || ':' || streams || ':' || "
				+ "array_to_string(container_ids, ',') FROM log_batches ORDER BY kafka_offset"))
			.containsExactly("7:2:oe:c1,c2", "8:1:o:c1");
		assertThat(before.strings("SELECT concat_ws('|', kafka_partition, kafka_offset, batch_index, ts_nanos - ?, "
				+ "stream, container_id, host_id, seq, message, metadata->>'redacted') FROM log_lines "
				+ "ORDER BY kafka_offset, batch_index", noon))
			.containsExactly("1|7|0|1000|stdout|c1|host-1|10|one|true",
					"1|7|1|2000|stderr|c2|host-1|11|two \\ \"quoted\"", "1|8|0|3000|stdout|c1|host-1|12|three");
		assertThat(before.logPartitions()).contains(partition(this.today), "log_batches_default");
	}

	@Test
	void keepsOneGrantPerEnvironmentAndPrincipalAndFindsAPrincipalsEnvironmentsByIndex() throws SQLException {
		String grant = "INSERT INTO environment_acl (environment_id, principal_type, principal) VALUES (?, ?, ?)";
		this.db.update(grant, "env-a", "user", "alice");
		this.db.update(grant, "env-a", "team", "alice");
		this.db.update(grant, "env-b", "user", "alice");

		assertThat(sqlStateOf(() -> this.db.update(grant, "env-a", "user", "alice"))).isEqualTo("23505");
		assertThat(sqlStateOf(() -> this.db.update(grant, "env-a", "group", "alice"))).isEqualTo("23514");
		assertThat(sqlStateOf(() -> this.db.update(grant, "env-a", "user", null))).isEqualTo("23502");
		assertThat(this.db.strings("SELECT environment_id FROM environment_acl WHERE principal_type = 'user' "
				+ "AND principal = 'alice' ORDER BY 1")).containsExactly("env-a", "env-b");
		assertThat(explain("SELECT environment_id FROM environment_acl WHERE principal_type = 'user' "
				+ "AND principal = 'alice'").indexes()).containsExactly("environment_acl_principal_idx");
	}

	@Test
	void grantsReadUnlessExecIsGivenAndRefusesAnyOtherPermission() throws SQLException {
		this.db.update("INSERT INTO environment_acl (environment_id, principal_type, principal) "
				+ "VALUES ('env-a', 'user', 'bob')");
		String grant = "INSERT INTO environment_acl (environment_id, principal_type, principal, permission) "
				+ "VALUES ('env-a', 'user', ?, ?)";
		this.db.update(grant, "carol", "exec");

		assertThat(this.db.strings("SELECT principal || ':' || permission FROM environment_acl ORDER BY 1"))
			.containsExactly("bob:read", "carol:exec");
		assertThat(sqlStateOf(() -> this.db.update(grant, "dave", "write"))).isEqualTo("23514");
		assertThat(sqlStateOf(() -> this.db.update(grant, "dave", null))).isEqualTo("23502");
		assertThat(sqlStateOf(() -> this.db.update(grant, "bob", "exec"))).isEqualTo("23505");
	}

	@Test
	void grantsWrittenBeforeThePermissionColumnKeepMeaningRead() throws SQLException {
		MigratedDatabase before = MigratedDatabase.create(postgres, MigrationVersion.fromVersion("3"));
		before.update("INSERT INTO environment_acl (environment_id, principal_type, principal) "
				+ "VALUES ('env-a', 'user', 'bob'), ('env-a', 'team', 'payments')");

		// V4 added the column; later migrations run too, and are no concern of this test
		assertThat(MigratedDatabase.migrate(before.dataSource()).migrations).extracting((migration) -> migration.version)
			.contains("4");

		assertThat(before.strings("SELECT principal || ':' || permission FROM environment_acl ORDER BY 1"))
			.containsExactly("bob:read", "payments:read");
	}

	@Test
	void constrainsEnvironmentStatusHealthAndLabels() throws SQLException {
		String insert = "INSERT INTO environments (environment_id, host_id, labels, status, health) "
				+ "VALUES (?, 'host-1', ?::jsonb, ?, ?)";
		this.db.update(insert, "env-a", "{\"envstream.owner\":\"alice\"}", "running", "healthy");

		assertThat(this.db.string("SELECT labels->>'envstream.owner' FROM environments")).isEqualTo("alice");
		assertThat(sqlStateOf(() -> this.db.update(insert, "env-b", "{}", "sleeping", null))).isEqualTo("23514");
		assertThat(sqlStateOf(() -> this.db.update(insert, "env-b", "{}", "running", "sick"))).isEqualTo("23514");
		assertThat(sqlStateOf(() -> this.db.update(insert, "env-b", "[]", null, null))).isEqualTo("23514");
		assertThat(sqlStateOf(() -> this.db.update(insert, "env-a", "{}", null, null))).isEqualTo("23505");
	}

	@Test
	void constrainsConnectionLeasesAndCountsLiveLeasesByIndex() throws SQLException {
		String lease = "INSERT INTO connection_leases (lease_id, user_id, environment_id, endpoint, gateway_id, "
				+ "acquired_at, expires_at) VALUES (?::uuid, 'alice', 'env-a', ?, 'gw-1', now(), now() + ?::interval)";
		this.db.update(lease, "00000000-0000-0000-0000-000000000001", "logs", "30 seconds");

		assertThat(sqlStateOf(() -> this.db.update(lease, "00000000-0000-0000-0000-000000000001", "logs",
				"30 seconds"))).isEqualTo("23505");
		assertThat(sqlStateOf(() -> this.db.update(lease, "00000000-0000-0000-0000-000000000002", "admin",
				"30 seconds"))).isEqualTo("23514");
		assertThat(sqlStateOf(() -> this.db.update(lease, "00000000-0000-0000-0000-000000000003", "logs",
				"-1 second"))).isEqualTo("23514");
		assertThat(explain("SELECT count(*) FROM connection_leases WHERE user_id = 'alice' AND expires_at > now()")
			.indexes()).containsOnly("connection_leases_user_idx");
		assertThat(explain("SELECT count(*) FROM connection_leases WHERE environment_id = 'env-a' "
				+ "AND expires_at > now()").indexes()).containsOnly("connection_leases_environment_idx");
	}

	@Test
	void keepsOneRowPerDetachedTerminalSessionAndCountsAUsersLiveOnesByIndex() throws SQLException {
		String detached = "INSERT INTO detached_terminal_sessions (session_id, user_id, environment_id, expires_at)"
				+ " VALUES (?, 'alice', 'env-a', now() + ?::interval)";
		this.db.update(detached, "s-1", "5 minutes");

		assertThat(sqlStateOf(() -> this.db.update(detached, "s-1", "5 minutes"))).isEqualTo("23505");
		assertThat(sqlStateOf(() -> this.db.update(detached, "s-2", "-1 second"))).isEqualTo("23514");
		assertThat(explain("SELECT count(*) FROM detached_terminal_sessions WHERE user_id = 'alice'"
				+ " AND expires_at > now()").indexes()).containsOnly("detached_terminal_sessions_user_idx");
	}

	@Test
	void keepsOneActivityRowPerEnvironmentAndWholeMinuteAndReadsARangeByThePrimaryKey() throws SQLException {
		String activity = "INSERT INTO environment_activity (environment_id, minute, stdout_lines) VALUES (?, ?, ?)";
		OffsetDateTime noon = noon(this.today);
		this.db.update(activity, "env-a", noon, 3);

		assertThat(sqlStateOf(() -> this.db.update(activity, "env-a", noon, 1))).isEqualTo("23505");
		assertThat(sqlStateOf(() -> this.db.update(activity, "env-a", noon.plusSeconds(30), 1))).isEqualTo("23514");
		assertThat(sqlStateOf(() -> this.db.update(activity, "env-b", noon, -1))).isEqualTo("23514");
		assertThat(this.db.number("SELECT restarts + error_lines + warning_lines + stderr_lines FROM "
				+ "environment_activity WHERE environment_id = 'env-a'")).isZero();
		assertThat(explain("SELECT * FROM environment_activity WHERE environment_id = 'env-a' AND minute >= '"
				+ this.today + " 11:00:00+00' AND minute < '" + this.today + " 13:00:00+00'").indexes())
			.containsOnly("environment_activity_pkey");
	}

	private int insertBatch(String environment, int partition, long offset, OffsetDateTime ts) throws SQLException {
		long nanos = ts.toEpochSecond() * 1_000_000_000L + ts.getNano();
		return this.db.update(INSERT_BATCH, environment, partition, offset, ts, ts, nanos, offset);
	}

	/** 10 environments, 500 batches of 10 lines each, spread over yesterday and today. */
	private void fillTwoDaysOfBatches() throws SQLException {
		this.db.update("INSERT INTO log_batches (environment_id, kafka_partition, kafka_offset, min_ts, max_ts, "
				+ "line_count, ts_nanos, streams, container_ids, host_ids, seqs, messages) "
				+ "SELECT 'env-' || (g % 10), g % 10, g / 10, t, t + interval '1 second', 10, "
				+ "array_fill((extract(epoch FROM t) * 1000000000)::bigint, ARRAY[10]), 'oooooooooo', '{c0ffee}', "
				+ "'{host-1}', array_fill(g::bigint, ARRAY[10]), array_fill('line ' || g, ARRAY[10]) "
				+ "FROM generate_series(0, 4999) g, "
				+ "LATERAL (SELECT ?::timestamptz + g * interval '16 seconds' AS t) times", noon(this.today.minusDays(1)));
		this.db.update("ANALYZE log_batches");
	}

	private QueryPlan explain(String query) throws SQLException {
		return QueryPlan.parse(this.db.strings(NO_SEQUENTIAL_SCANS, "EXPLAIN (FORMAT JSON) " + query).get(0));
	}

	/** The indexes of the partitioned tables that the plan's per-partition indexes belong to. */
	private List<String> parentIndexes(QueryPlan plan) throws SQLException {
		return this.db.strings("SELECT DISTINCT p.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
				+ "JOIN pg_class p ON p.oid = i.inhparent WHERE c.relname = ANY (?)",
				(Object) plan.indexes().toArray(String[]::new));
	}

	private String partitionOf(String environment) throws SQLException {
		return this.db.string("SELECT DISTINCT tableoid::regclass::text FROM log_batches WHERE environment_id = ?",
				environment);
	}

	private static String sqlStateOf(ThrowingCallable statement) {
		Throwable failure = catchThrowable(statement);
		assertThat(failure).isInstanceOf(SQLException.class);
		return ((SQLException) failure).getSQLState();
	}

	private static String partition(LocalDate day) {
		return "log_batches_" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
	}

	private static OffsetDateTime noon(LocalDate day) {
		return day.atTime(12, 0).atOffset(ZoneOffset.UTC);
	}

}
