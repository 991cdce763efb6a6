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

	private static final String INSERT_LINE = "INSERT INTO log_entries (environment_id, kafka_partition, kafka_offset, "
			+ "batch_index, ts, ts_nanos, stream, container_id, host_id, seq, message) "
			+ "VALUES (?, ?, ?, ?, ?, ?, 'stdout', 'c0ffee', 'host-1', ?, 'hello') ON CONFLICT DO NOTHING";

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
		assertThat(this.db.migrateResult().migrationsExecuted).isEqualTo(7);
		assertThat(this.db.strings("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
				+ "AND tablename NOT LIKE 'log_entries_%' AND tablename <> 'flyway_schema_history' ORDER BY 1"))
			.containsExactly("connect_rate_buckets", "connection_leases", "detached_terminal_sessions",
					"environment_acl", "environment_activity", "environment_claim_refusals", "environment_lifecycle",
					"environments", "log_entries");
		List<String> expected = new ArrayList<>(
				IntStream.rangeClosed(-1, 7).mapToObj((day) -> partition(this.today.plusDays(day))).toList());
		expected.add("log_entries_default");
		assertThat(this.db.logPartitions()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(MigratedDatabase.migrate(this.db.dataSource()).migrationsExecuted).isZero();
	}

	@Test
	void insertsAPositionOnlyOnce() throws SQLException {
		OffsetDateTime ts = noon(this.today);

		assertThat(insertLine("env-a", 3, 42, 0, ts)).isOne();
		assertThat(insertLine("env-a", 3, 42, 0, ts)).isZero();
		assertThat(insertLine("env-a", 3, 42, 1, ts)).isOne();

		assertThat(this.db.number("SELECT count(*) FROM log_entries WHERE environment_id = 'env-a'")).isEqualTo(2);
	}

	@Test
	void routesRowsToTheirDayOrToTheDefaultPartition() throws SQLException {
		insertLine("yesterday", 0, 1, 0, noon(this.today.minusDays(1)));
		insertLine("long-ago", 0, 2, 0, noon(this.today.minusDays(60)));

		assertThat(partitionOf("yesterday")).isEqualTo(partition(this.today.minusDays(1)));
		assertThat(partitionOf("long-ago")).isEqualTo("log_entries_default");
	}

	@Test
	void ensuringPartitionsIsIdempotentAndMovesRowsOutOfTheDefaultPartition() throws SQLException {
		LocalDate longAgo = this.today.minusDays(60);
		insertLine("long-ago", 0, 2, 0, noon(longAgo));

		assertThat(this.db.strings("SELECT envstream_ensure_log_partitions(?, 2)", longAgo))
			.containsExactly(partition(longAgo), partition(longAgo.plusDays(1)));
		assertThat(this.db.strings("SELECT envstream_ensure_log_partitions(?, 9)", this.today.minusDays(1)))
			.isEmpty();

		assertThat(partitionOf("long-ago")).isEqualTo(partition(longAgo));
		assertThat(this.db.number("SELECT count(*) FROM log_entries_default")).isZero();
		assertThat(insertLine("long-ago", 0, 2, 0, noon(longAgo))).isZero();
	}

	@Test
	void dropsWholeDailyPartitionsBeforeADayAndKeepsNewerOnes() throws SQLException {
		LocalDate first = this.today.minusDays(40);
		this.db.strings("SELECT envstream_ensure_log_partitions(?, 4)", first);
		insertLine("env-a", 0, 1, 0, noon(first));
		insertLine("env-a", 0, 2, 0, noon(first.plusDays(3)));
		insertLine("env-a", 0, 3, 0, noon(this.today.minusDays(1)));

		List<String> dropped = this.db.strings("SELECT envstream_drop_log_partitions_before(?)", first.plusDays(2));

		assertThat(dropped).containsExactly(partition(first), partition(first.plusDays(1)));
		assertThat(this.db.logPartitions()).doesNotContainAnyElementsOf(dropped)
			.contains(partition(first.plusDays(2)), partition(first.plusDays(3)), partition(this.today.minusDays(1)),
					"log_entries_default");
		assertThat(this.db.strings("SELECT kafka_offset FROM log_entries ORDER BY 1")).containsExactly("2", "3");
	}

	@Test
	void purgesOldRowsFromTheDefaultPartition() throws SQLException {
		insertLine("env-a", 0, 1, 0, noon(this.today.minusDays(60)));
		insertLine("env-a", 0, 2, 0, noon(this.today.minusDays(20)));

		assertThat(this.db.number("SELECT envstream_purge_log_default_before(?)", this.today.minusDays(30)))
			.isOne();
		assertThat(this.db.strings("SELECT kafka_offset FROM log_entries")).containsExactly("2");
	}

	@Test
	void servesNewestLinesOfAnEnvironmentByPositionFromThePrimaryKeyWithoutSorting() throws SQLException {
		fillTwoDaysOfLines();

		QueryPlan plan = explain("SELECT * FROM log_entries WHERE environment_id = 'env-7' "
				+ "ORDER BY kafka_partition DESC, kafka_offset DESC, batch_index DESC LIMIT 100");

		assertThat(plan.types()).doesNotContain("Seq Scan", "Sort", "Incremental Sort");
		assertThat(plan.indexes()).isNotEmpty();
		assertThat(parentIndexes(plan)).containsOnly("log_entries_pkey");
	}

	@Test
	void servesLinesOfAnEnvironmentBetweenTwoTimesFromOnePrunedPartitionAndTheTimeIndex() throws SQLException {
		fillTwoDaysOfLines();
		LocalDate yesterday = this.today.minusDays(1);

		QueryPlan plan = explain("SELECT * FROM log_entries WHERE environment_id = 'env-7' AND ts >= '"
				+ yesterday + " 13:00:00+00' AND ts < '" + yesterday + " 14:00:00+00' ORDER BY ts");

		assertThat(plan.types()).doesNotContain("Seq Scan");
		assertThat(plan.relations()).containsOnly(partition(yesterday));
		assertThat(plan.indexes()).isNotEmpty();
		assertThat(parentIndexes(plan)).containsOnly("log_entries_environment_ts_idx");
	}

	@Test
	void rejectsLinesOfAnUnknownStream() {
		assertThat(sqlStateOf(() -> this.db.update("INSERT INTO log_entries (environment_id, kafka_partition, "
				+ "kafka_offset, batch_index, ts, ts_nanos, stream, container_id, host_id, seq, message) "
				+ "VALUES ('env-a', 0, 0, 0, now(), 0, 'stdin', 'c', 'h', 0, 'm')")))
			.isEqualTo("23514");
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

	private int insertLine(String environment, int partition, long offset, int index, OffsetDateTime ts)
			throws SQLException {
		long nanos = ts.toEpochSecond() * 1_000_000_000L + ts.getNano();
		return this.db.update(INSERT_LINE, environment, partition, offset, index, ts, nanos, offset);
	}

	/** 10 environments, 5000 lines each, spread over yesterday and today. */
	private void fillTwoDaysOfLines() throws SQLException {
		this.db.update("INSERT INTO log_entries (environment_id, kafka_partition, kafka_offset, batch_index, ts, "
				+ "ts_nanos, stream, container_id, host_id, seq, message) "
				+ "SELECT 'env-' || (g % 10), g % 10, g / 10, g % 10, t, "
				+ "(extract(epoch FROM t) * 1000000000)::bigint, 'stdout', 'c0ffee', 'host-1', g, 'line ' || g "
				+ "FROM generate_series(0, 49999) g, "
				+ "LATERAL (SELECT ?::timestamptz + g * interval '1600 milliseconds' AS t) times", noon(this.today.minusDays(1)));
		this.db.update("ANALYZE log_entries");
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
		return this.db.string("SELECT DISTINCT tableoid::regclass::text FROM log_entries WHERE environment_id = ?",
				environment);
	}

	private static String sqlStateOf(ThrowingCallable statement) {
		Throwable failure = catchThrowable(statement);
		assertThat(failure).isInstanceOf(SQLException.class);
		return ((SQLException) failure).getSQLState();
	}

	private static String partition(LocalDate day) {
		return "log_entries_" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
	}

	private static OffsetDateTime noon(LocalDate day) {
		return day.atTime(12, 0).atOffset(ZoneOffset.UTC);
	}

}
