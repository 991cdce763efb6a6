package io.envstream.gateway.logs;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import io.envstream.schemas.cursor.Cursor;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.bench.Statistics;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Time to the newest 100 lines of an environment ({@link HistoryStore#tail}, which a {@code tail=100} request reads
 * before its first line is sent) with 10M lines stored in log_batches, beside the same query on a row-per-line
 * table (log_entries as it was before V8: same columns, key, time index and daily partitions) filled with the same
 * lines in the same run. Both sides read over one open connection, as from the gateway's pool. Run with
 * {@code infra/dev/bench.sh -pl ws-gateway -am -Dit.test=HistoryTailBenchmark}; writes
 * docs/benchmarks/gateway-history-tail.json.
 */
class HistoryTailBenchmark {

	private static final Logger logger = LoggerFactory.getLogger(HistoryTailBenchmark.class);

	private static final int ENVIRONMENTS = 10;

	private static final int BATCHES_PER_ENVIRONMENT = 10_000;

	private static final int LINES_PER_BATCH = 100;

	private static final long LINES = (long) ENVIRONMENTS * BATCHES_PER_ENVIRONMENT * LINES_PER_BATCH;

	private static final int RUNS = 25;

	/**
	 * One environment's batches, 100 lines each, one container, one line in five on stderr, about 120 characters a
	 * line; the environments' batches interleave over 4 partitions as on envstream.logs.
	 */
	private static final String FILL_BATCHES = """
			INSERT INTO log_batches (environment_id, kafka_partition, kafka_offset, min_ts, max_ts, line_count,
			  ts_nanos, streams, container_ids, host_ids, seqs, messages)
			SELECT ?, b % 4, b * 10 + ?, timestamptz 'epoch' + (t / 1000) * interval '1 microsecond',
			  timestamptz 'epoch' + ((t + 99000) / 1000) * interval '1 microsecond', 100,
			  (SELECT array_agg(t + i * 1000 ORDER BY i) FROM generate_series(0, 99) i),
			  repeat('oooeo', 20), ARRAY['container-' || ?], ARRAY['host-1'],
			  (SELECT array_agg(b * 100 + i ORDER BY i) FROM generate_series(0, 99) i),
			  (SELECT array_agg('2026-11-25T10:00:00.000Z INFO  [http-nio-8080-exec-4] c.e.web.OrderController - '
			     || 'served GET /api/orders/' || (b * 100 + i) || ' in ' || (b + i) % 97 || ' ms' ORDER BY i)
			   FROM generate_series(0, 99) i)
			FROM generate_series(?, ?) b, LATERAL (SELECT ?::bigint + b::bigint * 100000000 AS t) start""";

	private static final String ROW_PER_LINE_TABLE = """
			CREATE TABLE bench_log_entries (
			  environment_id text NOT NULL, kafka_partition integer NOT NULL, kafka_offset bigint NOT NULL,
			  batch_index integer NOT NULL, ts timestamptz NOT NULL, ts_nanos bigint NOT NULL, stream text NOT NULL,
			  container_id text NOT NULL, host_id text NOT NULL, seq bigint NOT NULL, message text NOT NULL,
			  metadata jsonb,
			  PRIMARY KEY (environment_id, kafka_partition, kafka_offset, batch_index, ts)
			) PARTITION BY RANGE (ts)""";

	private static final String ROW_PER_LINE_TAIL = """
			SELECT kafka_partition, kafka_offset, batch_index, ts_nanos, stream, container_id, host_id, seq, message
			FROM bench_log_entries WHERE environment_id = ? AND (CAST(? AS text) IS NULL OR stream = ?)
			ORDER BY kafka_partition DESC, kafka_offset DESC, batch_index DESC LIMIT ?""";

	@Test
	void measureTailOfBatchesAgainstRowPerLine() throws Exception {
		PostgresFixture postgres = PostgresFixture.shared();
		postgres.truncateAll();
		JdbcTemplate jdbc = new JdbcTemplate(postgres.dataSource());
		jdbc.execute("DROP TABLE IF EXISTS bench_log_entries");
		long started = System.nanoTime();
		fillBatches(jdbc);
		long batchesFilled = System.nanoTime();
		fillRowPerLine(jdbc);
		logger.info("{} lines stored as batches in {} s, one row per line in {} s", LINES,
				(batchesFilled - started) / 1_000_000_000, (System.nanoTime() - batchesFilled) / 1_000_000_000);
		jdbc.execute("ANALYZE log_batches");
		jdbc.execute("ANALYZE bench_log_entries");

		try (Connection connection = postgres.dataSource().getConnection()) {
			JdbcClient client = JdbcClient.create(new SingleConnectionDataSource(connection, true));
			HistoryStore store = new HistoryStore(client);
			String environment = "bench-3";
			List<Metric> metrics = new ArrayList<>();
			for (String stream : Arrays.asList(null, "stderr")) {
				List<LogLine> batches = store.tail(environment, stream, 100);
				List<LogLine> rows = rowPerLineTail(client, environment, stream);
				if (batches.size() != 100 || !batches.equals(rows)) {
					throw new IllegalStateException("the two tables' newest lines differ: " + batches.size() + " vs "
							+ rows.size() + " lines");
				}
				String what = (stream == null) ? "" : ", stderr only";
				metrics.add(Metric.against("ms to the newest 100 lines of an environment (HistoryStore.tail" + what
						+ ", 10M lines stored in 10 environments, 100-line batches; median of " + RUNS + ")",
						medianMillis(() -> store.tail(environment, stream, 100)), "ms",
						"same lines one row per line (log_entries before V8)",
						medianMillis(() -> rowPerLineTail(client, environment, stream))));
			}
			HistoryQuery page = new HistoryQuery(environment, null, new Cursor(1, 40_013L, 50), null, null, 1000);
			metrics.add(Metric.of("ms to a page of 1000 lines after a cursor in the middle (HistoryStore.read; median of "
					+ RUNS + ")", medianMillis(() -> store.read(page)), "ms"));
			long batchBytes = size(jdbc, "log_batches");
			long rowBytes = size(jdbc, "bench_log_entries");
			metrics.add(Metric.against("bytes stored per line (table, TOAST and indexes)", (double) batchBytes / LINES,
					"bytes", "one row per line", (double) rowBytes / LINES));
			BenchmarkResults.ofRepository().record("gateway-history-tail", metrics);
		}
		finally {
			jdbc.execute("DROP TABLE IF EXISTS bench_log_entries");
			postgres.truncateAll();
		}
	}

	private static void fillBatches(JdbcTemplate jdbc) {
		long epochNanos = System.currentTimeMillis() * 1_000_000L - BATCHES_PER_ENVIRONMENT * 100_000_000L;
		for (int e = 0; e < ENVIRONMENTS; e++) {
			jdbc.update(FILL_BATCHES, "bench-" + e, e, e, 0, BATCHES_PER_ENVIRONMENT - 1, epochNanos);
		}
	}

	/** The same lines, as log_entries held them, in partitions of the same days as log_batches'. */
	private static void fillRowPerLine(JdbcTemplate jdbc) {
		jdbc.execute(ROW_PER_LINE_TABLE);
		jdbc.execute("CREATE INDEX ON bench_log_entries (environment_id, ts)");
		List<String> bounds = jdbc.queryForList("""
				SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = 'log_batches'::regclass""", String.class);
		for (int p = 0; p < bounds.size(); p++) {
			jdbc.execute("CREATE TABLE bench_log_entries_" + p + " PARTITION OF bench_log_entries " + bounds.get(p));
		}
		for (int e = 0; e < ENVIRONMENTS; e++) {
			jdbc.update("INSERT INTO bench_log_entries SELECT * FROM log_lines WHERE environment_id = ?", "bench-" + e);
		}
	}

	private static List<LogLine> rowPerLineTail(JdbcClient client, String environment, String stream) {
		List<LogLine> newestFirst = new ArrayList<>(client.sql(ROW_PER_LINE_TAIL)
			.params(environment, stream, stream, 100)
			.query((rs, row) -> new LogLine(new Cursor(rs.getInt(1), rs.getLong(2), rs.getInt(3)), rs.getLong(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9)))
			.list());
		Collections.reverse(newestFirst);
		return newestFirst;
	}

	/** After as many runs to warm up (the JIT, server-side prepared statements, the buffer cache). */
	private static double medianMillis(Supplier<List<LogLine>> query) {
		for (int run = 0; run < RUNS; run++) {
			query.get();
		}
		double[] millis = new double[RUNS];
		for (int run = 0; run < RUNS; run++) {
			long started = System.nanoTime();
			query.get();
			millis[run] = (System.nanoTime() - started) / 1e6;
		}
		return Statistics.median(millis);
	}

	private static long size(JdbcTemplate jdbc, String table) {
		Long bytes = jdbc.queryForObject("""
				SELECT sum(pg_total_relation_size(i.inhrelid)) FROM pg_inherits i
				WHERE i.inhparent = ?::regclass""", Long.class, table);
		return (bytes != null) ? bytes : 0;
	}

}
