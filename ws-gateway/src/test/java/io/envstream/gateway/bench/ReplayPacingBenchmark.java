package io.envstream.gateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.envstream.gateway.Environments;
import io.envstream.gateway.Environments.Written;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.awaitility.Awaitility.await;

/**
 * How closely a paced replay keeps the original gaps of a recorded burst pattern, at 1x and 10x, and
 * what a replayed line costs in CPU beside a plain catch-up of the same lines, in the same run (real
 * broker, real PostgreSQL, client in the same JVM). Run with
 * {@code infra/dev/bench.sh -pl ws-gateway -am -Dit.test=ReplayPacingBenchmark}; writes
 * docs/benchmarks/gateway-replay-pacing.json.
 */
class ReplayPacingBenchmark {

	/** The recorded pattern: bursts of {@link #BURST_LINES} lines, these gaps (ms) apart, in a cycle. */
	private static final long[] GAPS_MS = { 100, 500, 250, 50, 1000, 200 };

	private static final int BURSTS = 60;

	private static final int BURST_LINES = 50;

	private static GatewayInstance gateway;

	private static Environments environments;

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start("--logging.level.root=warn");
		environments = new Environments();
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	/** A replayed run: the bursts' arrival times and the CPU the gateway's reader and sender threads spent. */
	private record Run(List<Long> arrivalNanos, long cpuNanos) {
	}

	@Test
	void pacingAndCpuPerLine() throws Exception {
		// the pattern, half of it stored in PostgreSQL, the rest only in Kafka, as a replay reads it
		String environment = Environments.newId("bench-replay");
		environments.create(environment, "bench", null);
		Instant start = Instant.now().minus(Duration.ofHours(1));
		long[] offsetsMs = new long[BURSTS];
		Written last = null;
		for (int i = 0; i < BURSTS; i++) {
			offsetsMs[i] = (i == 0) ? 0 : offsetsMs[i - 1] + GAPS_MS[(i - 1) % GAPS_MS.length];
			last = environments.writeAt(environment, Stream.STDOUT, BURST_LINES, start.plusMillis(offsetsMs[i]));
			if (i < BURSTS / 2) {
				environments.persist(last);
			}
		}
		environments.awaitVisible(last);
		long lines = (long) BURSTS * BURST_LINES;
		String until = start.plusMillis(offsetsMs[BURSTS - 1] + 1).toString();
		String replay = "since=" + start + "&until=" + until + "&speed=";

		Run once = run(environment, replay + "1", lines, "logs-replay-");
		Run tenfold = run(environment, replay + "10", lines, "logs-replay-");
		Run max = run(environment, replay + "max", lines, "logs-replay-");
		// a plain catch-up of the same lines from the same sources: since, no pace, then close
		Run catchUp = run(environment, "follow=false&since=" + start, lines, "logs-catch-up-");

		double catchUpCpu = catchUp.cpuNanos() / (double) lines / 1_000;
		BenchmarkResults.ofRepository().record("gateway-replay-pacing", List.of(
				Metric.of("pacing error at 1x, p50 of |arrival - original offset| over " + BURSTS + " bursts of "
						+ BURST_LINES + " lines (gaps 50 ms to 1 s)", percentile(errorsMs(once, offsetsMs, 1), 0.5), "ms"),
				Metric.of("pacing error at 1x, p99", percentile(errorsMs(once, offsetsMs, 1), 0.99), "ms"),
				Metric.of("pacing error at 10x, p50 of |arrival - original offset / 10|",
						percentile(errorsMs(tenfold, offsetsMs, 10), 0.5), "ms"),
				Metric.of("pacing error at 10x, p99", percentile(errorsMs(tenfold, offsetsMs, 10), 0.99), "ms"),
				Metric.against("CPU per replayed line at 1x (replay reader, sender and web server threads)",
						once.cpuNanos() / (double) lines / 1_000, "µs",
						"plain catch-up of the same lines (catch-up reader, sender and web server threads)", catchUpCpu),
				Metric.against("CPU per replayed line at 10x", tenfold.cpuNanos() / (double) lines / 1_000, "µs",
						"plain catch-up of the same lines", catchUpCpu),
				Metric.against("CPU per replayed line at max", max.cpuNanos() / (double) lines / 1_000, "µs",
						"plain catch-up of the same lines", catchUpCpu)));
	}

	private Run run(String environment, String query, long lines, String readerThreads) throws Exception {
		long cpuBefore = cpuNanos(readerThreads);
		try (WsClient client = WsClient.connect(gateway.logsUrl(environment, query + "&token=" + JWT.token("bench")))) {
			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> client.seqs().size() >= lines);
			client.awaitClose();
			long cpu = cpuNanos(readerThreads) - cpuBefore;
			List<Long> arrivals = new ArrayList<>();
			long seen = 0;
			for (int i = 0; i < client.messages.size(); i++) {
				JsonNode message = client.messages.get(i);
				int count = message.path("type").asText().equals("batch") ? message.path("count").asInt() : 0;
				// the frame that carries a burst's first line is the burst's arrival (one frame may start several)
				for (long burst = (seen + BURST_LINES - 1) / BURST_LINES; burst * BURST_LINES < seen + count; burst++) {
					arrivals.add(client.arrivalNanos.get(i));
				}
				seen += count;
			}
			return new Run(arrivals, cpu);
		}
	}

	/** |actual - expected| offset from the first burst, per burst, in ms. */
	private static double[] errorsMs(Run run, long[] offsetsMs, double speed) {
		double[] errors = new double[offsetsMs.length];
		for (int i = 0; i < offsetsMs.length; i++) {
			double actual = (run.arrivalNanos().get(i) - run.arrivalNanos().get(0)) / 1e6;
			errors[i] = Math.abs(actual - offsetsMs[i] / speed);
		}
		return errors;
	}

	private static double percentile(double[] values, double p) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
	}

	/**
	 * CPU the gateway's threads of this kind of reader, its senders and its web server's (where a plain
	 * catch-up reads its first page of stored lines) have used so far.
	 */
	private static long cpuNanos(String readerThreads) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long sum = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			String name = (info == null) ? "" : info.getThreadName();
			if (name.startsWith(readerThreads) || name.startsWith("logs-sender-") || name.startsWith("http-nio-")) {
				sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return sum;
	}

}
