package io.envstream.e2e.bench.endtoend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Machine;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.bench.ProcFs;
import io.envstream.testsupport.bench.Statistics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * The end-to-end benchmarks: demo containers ({@code demo stamped}: numbered lines carrying their
 * send time) → collector → broker → stream-processor → gateway → a {@link ClientFleet} in a JVM of
 * its own that checks every number and measures latency from the send time. Everything runs as
 * separate processes ({@link Pipeline}), so CPU per line is read per component from /proc. Each
 * scenario writes {@code docs/benchmarks/e2e-<scenario>.json} as soon as it ends, beside a
 * baseline measured in the same run:
 * <ul>
 * <li>latency at 1k lines/s to 100 clients, beside {@code docker logs -f} on the same container;</li>
 * <li>fan-out of one environment to 1000 clients, beside every line reaching every client as written;</li>
 * <li>replay of a client 1M lines behind, beside {@code docker logs --since} for the same range;</li>
 * <li>10k idle connections, beside as many plain TCP connections held by the same gateway;</li>
 * <li>a backlog drain: lines the containers wrote while the collector was stopped, to a client in order, beside
 * {@code docker logs -f} draining the same logs;</li>
 * <li>sustained lossless throughput from 20 and from 1 container, beside {@code docker logs -f};
 * CPU per line of every component, at two rates for the fixed and the marginal cost, and a JFR profile of the one
 * that costs most per line.</li>
 * </ul>
 * Run with {@code infra/dev/bench.sh e2e}; {@code -Dbench.e2e.scale=quick} and
 * {@code -Dbench.e2e.scenarios=latency,...} make development runs small.
 */
class EndToEndBenchmark {

	private static final Logger log = LoggerFactory.getLogger(EndToEndBenchmark.class);

	private static final int LINE_BYTES = 200;

	private static final String GO_FILE = "/tmp/go";

	/** How long the pipeline's idle CPU is read, once the clients of an idle run are connected and settled. */
	private static final Duration IDLE_WINDOW = Duration.ofSeconds(20);

	/** The wait between the clients connected and the idle window: their handshakes and starts are done. */
	private static final Duration IDLE_SETTLE = Duration.ofSeconds(5);

	/** Frames listed per JFR profile, of each kind (top frames, own frames). */
	private static final int PROFILE_FRAMES = 6;

	/** Components of envstream whose CPU per line the issue asks for, by process name. */
	private static final List<String> COMPONENTS = List.of("collector", "processor-topology", "processor-persister",
			"gateway");

	private final DockerFixture docker = DockerFixture.shared();

	private final Scale scale = Scale.fromSystemProperty();

	private final Set<String> scenarios = Set.of(
			System.getProperty("bench.e2e.scenarios", "latency,fanout,replay,drain,idle,throughput").split(","));

	private final ExecutorService parallel = Executors.newFixedThreadPool(4);

	private final List<String> failures = new ArrayList<>();

	private Pipeline pipeline;

	private Path logs;

	@Test
	void endToEnd() throws Exception {
		Path root = Path.of("").toAbsolutePath();
		while (!Files.exists(root.resolve("ws-gateway/pom.xml"))) {
			root = root.getParent();
			if (root == null) {
				throw new IllegalStateException("run from inside the envstream repository");
			}
		}
		this.logs = root.resolve("e2e/target/e2e-bench");
		log.info("end-to-end benchmarks, {} scale, scenarios {}; process logs in {}", this.scale.name(), this.scenarios,
				this.logs);
		try (Pipeline started = Pipeline.start(root, this.logs)) {
			this.pipeline = started;
			warmUp();
			scenario("latency", this::latency);
			scenario("fanout", this::fanout);
			scenario("replay", this::replay);
			scenario("drain", this::drain);
			scenario("throughput", this::throughput);
			// last: after 10k connections close, the gateway stalled live delivery for about a minute
			// (seen in the first full run), which must not land in another scenario's figures
			scenario("idle", this::idleConnections);
		}
		finally {
			this.parallel.shutdownNow();
		}
		if (!this.failures.isEmpty()) {
			throw new AssertionError("end-to-end scenarios failed (the others wrote their results): " + this.failures);
		}
	}

	// ---- scenarios

	private interface Scenario {

		void run() throws Exception;

	}

	/** Runs a chosen scenario; one that fails is reported at the end, after the others have written their figures. */
	private void scenario(String name, Scenario scenario) {
		if (this.scenarios.contains(name)) {
			long started = System.nanoTime();
			try {
				scenario.run();
			}
			catch (Exception | AssertionError ex) {
				log.error("scenario {} failed; going on with the others", name, ex);
				this.failures.add(name + ": " + ex);
			}
			log.info("scenario {} took {} s", name, (System.nanoTime() - started) / 1_000_000_000);
		}
	}

	/**
	 * A short unmeasured run first: the processor's consumer group settles once the collector has
	 * created the topics, the gateway's consumer gets its first assignment, and every JVM compiles
	 * its hot paths; measured alone, the first scenario would carry all of that. Then once more in the latency
	 * scenario's shape (1k lines/s to its clients): after the first part alone, a profile of the broker during the
	 * latency scenario still had 40% of its CPU in the JIT compilers, and the fan-out to many clients had not run yet.
	 */
	private void warmUp() throws Exception {
		closeWarmUp(stream("warmup", 2, 2, 500, 5000, false));
		closeWarmUp(stream("warmup-fanout", 1, this.scale.latencyClients(), 1000, 1000 * this.scale.latencySeconds(),
				false));
	}

	private static void closeWarmUp(Run run) {
		run.close();
		log.info("warm-up {}: {} lines, p99 {} ms, lost {}", run.envs, run.fleet.unique(), run.fleet.p99Millis(),
				run.fleet.lost());
	}

	private void latency() throws Exception {
		double load = Machine.loadAverage();
		int lines = 1000 * this.scale.latencySeconds();
		double[][] stagesBefore = stageTimers();
		PrometheusHistogram[] stageTailsBefore = stageHistograms();
		double commitsBefore = processorCommits();
		double collectorTransactionsBefore = collectorTransactions();
		double lineRecordsBefore = collectorLineRecords();
		double slowBefore = slowClients();
		Run run = stream("latency", 1, this.scale.latencyClients(), 1000, lines, true);
		try {
			double[][] stagesAfter = stageTimers();
			PrometheusHistogram[] stageTails = stageHistograms();
			double commits = processorCommits() - commitsBefore;
			double collectorTransactions = collectorTransactions() - collectorTransactionsBefore;
			double lineRecords = collectorLineRecords() - lineRecordsBefore;
			double slow = slowClients() - slowBefore;
			double[] stageMeans = new double[stagesAfter.length];
			for (int i = 0; i < stageMeans.length; i++) {
				stageMeans[i] = 1000 * (stagesAfter[i][0] - stagesBefore[i][0])
						/ Math.max(1, stagesAfter[i][1] - stagesBefore[i][1]);
			}
			FleetReport r = run.fleet;
			LatencyHistogram cli = run.dockerLogs;
			List<Metric> metrics = List.of(
					versus("p50 latency send time to client, 1k lines/s, " + r.clients() + " clients", r.p50Millis(),
							"ms", "p50 of docker logs -f on the same container", cli.percentile(0.5)),
					versus("p99 latency, same (goal <= 250 ms)", r.p99Millis(), "ms", "p99 of docker logs -f",
							cli.percentile(0.99)),
					versus("p999 latency, same", r.p999Millis(), "ms", "p999 of docker logs -f",
							cli.percentile(0.999)),
					Metric.of("max latency, same", r.maxMillis(), "ms"),
					versus("mean latency send time to client, same", r.meanMillis(), "ms",
							"mean of docker logs -f", cli.mean()),
					Metric.of("of which: mean, send time to the processor closing the line's batch (collector, broker, "
							+ "topology; the collector's transaction-interval 80 ms, the processor's 20 ms commit tick)",
							stageMeans[0], "ms"),
					Metric.of("of which: mean, send time of a frame's oldest line to the gateway sending the frame",
							stageMeans[1], "ms"),
					Metric.of("of which: mean, Docker timestamp of a collector transaction's oldest line to its commit",
							stageMeans[2], "ms"),
					Metric.of("of which: mean, the collector's commit call (flush and the broker's commit)",
							stageMeans[3], "ms"),
					// where the tail is: the p99 of each stage, rounded up to its histogram's bucket
					Metric.of("of which: p99, Docker timestamp of a collector transaction's oldest line to its commit "
							+ "(bucket bound)", 1000 * stageTails[2].percentileSince(stageTailsBefore[2], 0.99), "ms"),
					Metric.of("of which: p99, the collector's commit call (bucket bound)",
							1000 * stageTails[3].percentileSince(stageTailsBefore[3], 0.99), "ms"),
					Metric.of("of which: p99, Docker timestamp of a batch's last line to the processor closing the batch "
							+ "(bucket bound)", 1000 * stageTails[0].percentileSince(stageTailsBefore[0], 0.99), "ms"),
					Metric.of("of which: p99, Docker timestamp of a frame's oldest line to the gateway sending the frame "
							+ "(bucket bound)", 1000 * stageTails[1].percentileSince(stageTailsBefore[1], 0.99), "ms"),
					Metric.of("lines not received in time, skipped or repeated over all clients (of "
							+ r.clients() * lines + ")", r.lost() + r.repeated(), "lines"),
					// a client whose queue is full is served by a catch-up read instead, later
					Metric.of("times a client was pushed to catch-up reads, same", slow, "clients"),
					// the receiving side shares the cores: what it and the gateway spend per line a client got
					Metric.of("CPU per line received, gateway, same", run.cpuPerLine("gateway", r.unique()), "µs"),
					Metric.of("CPU per line received, client fleet, same", r.cpuMillis() * 1000.0 / Math.max(1, r.unique()),
							"µs"),
					// what the processor's commits cost at this rate: each is a transaction on the broker
					Metric.of("CPU per line, broker, same", run.cpuPerLine("broker", lines), "µs"),
					Metric.of("CPU per line, processor-topology, same", run.cpuPerLine("processor-topology", lines),
							"µs"),
					Metric.of("processor commits (exactly-once transactions) per 1,000 lines, same",
							commits * 1000 / lines, "commits"),
					// between a batch's closing and its being readable: the commit it asks for (Kafka Streams' own
					// figures, over its metrics window of the last 30-60 s, one stream thread)
					Metric.of("processor commit latency, mean (flush, offsets, transaction commit), same",
							this.pipeline.counter("processor-topology", "kafka_stream_thread_commit_latency_avg", ""), "ms"),
					Metric.of("processor commit latency, max, same",
							this.pipeline.counter("processor-topology", "kafka_stream_thread_commit_latency_max", ""), "ms"),
					Metric.of("collector transactions per 1,000 lines, same", collectorTransactions * 1000 / lines,
							"transactions"),
					// a raw record carries the lines its container wrote during the collector's transaction interval
					Metric.of("envstream.logs.raw records per 1,000 lines, same", lineRecords * 1000 / lines,
							"records"));
			List<String> notes = notes(load);
			notes.add(goal("p99 <= 250 ms at 1k lines/s with " + r.clients() + " clients", r.p99Millis() <= 250,
					"p99 " + r.p99Millis() + " ms"));
			if (r.p99Millis() > 250) {
				notes.add("Of the 250 ms budget, the batch window (the collector's 80 ms transaction interval; "
						+ "the processor passes caught-up lines on at once and commits them at its next 20 ms tick) "
						+ "takes up to 100 ms by configuration; the rest is the collector's commit, the processor's, "
						+ "the gateway's fetch and fan-out, and waiting for a core on a shared machine.");
			}
			notes.add("Latency is from the tick the generator stamps (every 100 ms, before printing its 100 lines) to "
					+ "the client's receipt, on one clock; docker logs -f gets the same measure, so the difference is "
					+ "what collector, broker, processor and gateway add.");
			noteLoss(notes, r);
			record("e2e-latency", metrics, notes);
		}
		finally {
			run.close();
		}
	}

	/**
	 * {sum, count} of the stage timers every app keeps: the processor's lag (a batch's last line's
	 * Docker timestamp to the batch closing), the gateway's message latency (a frame's oldest
	 * line to the frame sent), the collector's lag (a transaction's oldest line to its commit) and its
	 * commit call's duration. Their means over a run split the end-to-end latency by stage.
	 */
	private double[][] stageTimers() throws Exception {
		return new double[][] { this.pipeline.timer("processor-topology", "envstream_processor_lag_seconds", ""),
				this.pipeline.timer("gateway", "envstream_gateway_message_latency_seconds", "endpoint=\"logs\""),
				this.pipeline.timer("collector", "envstream_collector_lag_seconds", ""),
				this.pipeline.timer("collector", "envstream_collector_commit_seconds", "") };
	}

	/** The same stage timers' histograms, for each stage's tail. */
	private PrometheusHistogram[] stageHistograms() throws Exception {
		return new PrometheusHistogram[] {
				this.pipeline.histogram("processor-topology", "envstream_processor_lag_seconds", ""),
				this.pipeline.histogram("gateway", "envstream_gateway_message_latency_seconds", "endpoint=\"logs\""),
				this.pipeline.histogram("collector", "envstream_collector_lag_seconds", ""),
				this.pipeline.histogram("collector", "envstream_collector_commit_seconds", "") };
	}

	/** Transactions the collector committed so far (lines with their checkpoints). */
	private double collectorTransactions() throws Exception {
		return this.pipeline.counter("collector", "envstream_collector_transactions_total", "");
	}

	/** Records of envstream.logs.raw the collector committed so far (each holds many lines of one container). */
	private double collectorLineRecords() throws Exception {
		return this.pipeline.counter("collector", "envstream_collector_line_records_total", "");
	}

	/** Commits of the processor's stream threads so far: each is a transaction on the broker. */
	private double processorCommits() throws Exception {
		return this.pipeline.counter("processor-topology", "kafka_stream_thread_commit_total", "");
	}

	private void fanout() throws Exception {
		double load = Machine.loadAverage();
		int lines = this.scale.fanoutRate() * this.scale.fanoutSeconds();
		double slowBefore = slowClients();
		Run run = stream("fanout", 1, this.scale.fanoutClients(), this.scale.fanoutRate(), lines, false);
		try {
			double slow = slowClients() - slowBefore;
			FleetReport r = run.fleet;
			double ideal = r.clients() * run.generatedRate();
			List<Metric> metrics = List.of(
					versus("lines/s delivered in aggregate, 1 environment at " + this.scale.fanoutRate()
							+ " lines/s to " + r.clients() + " clients (goal >= 1M)", r.linesPerSecond(), "lines/s",
							"every line to every client as written (clients x generated lines/s)", ideal),
					Metric.of("p50 latency, same", r.p50Millis(), "ms"),
					Metric.of("p99 latency, same", r.p99Millis(), "ms"),
					Metric.of("lines not received in time, skipped or repeated over all clients (of "
							+ r.clients() * lines + ")", r.lost() + r.repeated(), "lines"),
					versus("gateway CPU per line delivered", run.cpuPerLine("gateway", r.unique()), "µs",
							"client fleet CPU per line received", r.cpuMillis() * 1000.0 / Math.max(1, r.unique())),
					Metric.of("clients the gateway switched from the shared fan-out to their own catch-up reader "
							+ "(their send queue was full)", slow, "clients"));
			List<String> notes = notes(load);
			notes.add(goal(">= 1M lines/s delivered in aggregate", r.linesPerSecond() >= 1_000_000,
					String.format(Locale.ROOT, "%,.0f lines/s", r.linesPerSecond())));
			if (ideal < 1_000_000) {
				notes.add(String.format(Locale.ROOT,
						"At this scale the source cannot reach the goal: %d clients x %,.0f lines/s is %,.0f lines/s.",
						r.clients(), run.generatedRate(), ideal));
			}
			double busyCores = (run.cpu.getOrDefault("gateway", 0L) / 1e6 + r.cpuMillis())
					/ Math.max(1, r.firstLineMillis() + r.spanMillis());
			int cores = Runtime.getRuntime().availableProcessors();
			notes.add(String.format(Locale.ROOT, "Gateway and client fleet share the machine's cores: together they kept "
					+ "%.2f of its %d cores busy over the run (the fleet's own CPU per line is a figure's baseline)%s",
					busyCores, cores, (busyCores >= 0.8 * cores) ? ", which bounds the aggregate on this machine."
							: ", so the cores alone do not bound the aggregate."));
			if (slow > 0) {
				notes.add(String.format(Locale.ROOT, "%.0f times one of the %d clients fell more than send-queue-lines "
						+ "behind and left the shared fan-out for its partition's shared catch-up read (one Kafka read "
						+ "serves every slow client of the partition and hands each back to live once it has caught "
						+ "up); while there, a client gets its lines at the pace of that read and of its own queue.",
						slow, r.clients()));
			}
			noteLoss(notes, r);
			record("e2e-fanout", metrics, notes);
		}
		finally {
			run.close();
		}
	}

	private double slowClients() throws Exception {
		return this.pipeline.counter("gateway", "envstream_gateway_slow_clients_total", "endpoint=\"logs\"");
	}

	private void replay() throws Exception {
		double load = Machine.loadAverage();
		int lines = this.scale.replayLines();
		String env = "bench-e2e-replay-" + UUID.randomUUID().toString().substring(0, 6);
		DemoContainer container = startGenerators(List.of(env), List.of("r"), 10_000_000, lines).get(0);
		try {
			this.pipeline.awaitEnvironment(env);
			// a client sees the first line live, takes its cursor and leaves
			Path firstReport = this.logs.resolve(env + "-first.properties");
			JvmProcess first = fleet(env + "-first", List.of("mode=stream", "envs=" + env, "sources=r", "last-seq=1",
					"timeout=120", "out=" + firstReport));
			first.awaitLine("READY ");
			long goAt = go(List.of(container));
			first.awaitLine("DONE");
			String cursor = FleetReport.read(firstReport).firstCursor();
			if (cursor.isEmpty()) {
				throw new IllegalStateException("the first client received no line with a cursor; see " + this.logs);
			}
			// the rest is written and stored while nobody listens
			await().atMost(Duration.ofMinutes(10))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> this.pipeline.storedLines(env) >= lines);
			double pipelineRate = lines * 1000.0 / (System.currentTimeMillis() - goAt);
			Path report = this.logs.resolve(env + ".properties");
			JvmProcess resume = fleet(env, List.of("mode=stream", "envs=" + env, "sources=r", "query=resume=" + cursor,
					"first-seq=2", "last-seq=" + lines, "timeout=600", "out=" + report));
			Map<String, Long> before = this.pipeline.cpuNanos();
			resume.awaitLine("DONE");
			Map<String, Long> after = this.pipeline.cpuNanos();
			FleetReport r = FleetReport.read(report);
			double catchUpSeconds = Math.max(1, r.firstLineMillis() + r.spanMillis()) / 1000.0;
			double gatewayPerLine = (after.get("gateway") - before.get("gateway")) / 1000.0 / Math.max(1, r.unique());
			double brokerPerLine = (after.get("broker") - before.get("broker")) / 1000.0 / Math.max(1, r.unique());
			double[] cli = dockerLogsSince(container, r.firstSentMillis() - 1000);
			List<Metric> metrics = List.of(
					versus("catch-up lines/s, one client resuming " + (lines - 1) + " lines behind (goal >= 100k)",
							r.unique() / catchUpSeconds, "lines/s", "docker logs --since, same range", cli[1]),
					versus("time to the first line of that resume", r.firstLineMillis(), "ms",
							"docker logs --since: time to its first line", cli[0]),
					Metric.of("lines not received in time, skipped or repeated in the replay (of " + (lines - 1) + ")",
							r.lost() + r.repeated(), "lines"),
					Metric.of("lines/s from the container into PostgreSQL while writing those lines (generator at full "
							+ "speed, nobody reading)", pipelineRate, "lines/s"),
					versus("gateway CPU per line replayed", gatewayPerLine, "µs", "client fleet CPU per line",
							r.cpuMillis() * 1000.0 / Math.max(1, r.unique())),
					Metric.of("broker CPU per line replayed", brokerPerLine, "µs"));
			List<String> notes = notes(load);
			notes.add(goal(">= 100k lines/s catch-up", r.unique() / catchUpSeconds >= 100_000,
					String.format(Locale.ROOT, "%,.0f lines/s", r.unique() / catchUpSeconds)));
			notes.add("The client resumes from the cursor of the first line, so it replays every later line: the gateway "
					+ "reads them from Kafka (its catch-up reader), not from PostgreSQL.");
			noteLoss(notes, r);
			record("e2e-replay", metrics, notes);
		}
		finally {
			container.close();
		}
	}

	/**
	 * The backlog drain, for the ramp's containers and for one, the same lines in total: containers
	 * write every line while the collector is stopped, then the pipeline drains them to one client per
	 * environment, beside {@code docker logs -f} draining the same logs.
	 */
	private void drain() throws Exception {
		double load = Machine.loadAverage();
		List<Metric> metrics = new ArrayList<>();
		List<String> goals = new ArrayList<>();
		// the engine's API first, then the files: the collector is restarted between them and left on the default
		for (Pipeline.LogSource source : List.of(Pipeline.LogSource.API, Pipeline.LogSource.FILES)) {
			this.pipeline.restartCollector(source);
			// unmeasured, each measured drain's shape once: a restarted collector compiles its hot paths in its first
			// drains. After one unmeasured drain of half the lines from 20 containers its compilers still compiled
			// in the measured ones (the producer's RecordAccumulator.append for the first time, per-line methods in
			// C1 code while C2's queue was long) and took 3.0-4.1 of its 7.3-8.9 µs per line from the files, the
			// other JVMs' 3.5-6.1 more: the drains measured how fast the JVMs compile, not how fast the pipeline drains
			for (int containers : List.of(this.scale.containers(), 1)) {
				drain(source, containers, this.scale.drainLines(), new ArrayList<>(), new ArrayList<>());
			}
			for (int containers : List.of(this.scale.containers(), 1)) {
				drain(source, containers, this.scale.drainLines(), metrics, goals);
			}
		}
		this.pipeline.restartCollector(Pipeline.LogSource.AUTO);
		List<String> notes = notes(load);
		notes.addAll(goals);
		notes.add("Each container writes its lines at once (demo stamped -r 0: one awk, 200-byte stamped lines) while "
				+ "the collector process is stopped (SIGSTOP), its client already connected; once every container has "
				+ "exited, docker logs -f reads all their logs at once, whole (the baseline), and then the collector "
				+ "runs on (SIGCONT). The drain is timed from that moment to the last line at the last client; every "
				+ "client checks each line arrives once and in order. Both sides read the same log files, already in "
				+ "the page cache. CPU per line is every process of the pipeline (dockerd included, clients not) from "
				+ "the collector running on until PostgreSQL held every line.");
		notes.add("Each drain is run twice, the collector reading the logs through the engine's API, then from the "
				+ "json-file files under the engine's data root (log-source api, then files; the collector is restarted "
				+ "between them, and runs both drains once unmeasured before the measured ones: the JIT compilers' "
				+ "warm-up). dockerd's CPU per line is read while the containers write with "
				+ "nobody reading (the engine's own cost of storing the lines) and while the pipeline drains them (what serving the "
				+ "collector adds).");
		record("e2e-drain", metrics, notes);
	}

	/**
	 * One backlog drain of {@code totalLines} from {@code containers}, the collector reading from {@code source}: adds
	 * its figures and its goals' notes.
	 */
	private void drain(Pipeline.LogSource source, int containers, int totalLines, List<Metric> metrics,
			List<String> goals) throws Exception {
		int perContainer = totalLines / containers;
		String run = "bench-e2e-drain" + containers + "-" + UUID.randomUUID().toString().substring(0, 6);
		List<String> envs = IntStream.range(0, containers).mapToObj((i) -> run + "-" + i).toList();
		List<String> prefixes = IntStream.range(0, containers).mapToObj((i) -> "d" + i).toList();
		Run drained = new Run(envs, startGenerators(envs, prefixes, 0, perContainer), (long) containers * perContainer);
		try {
			envs.forEach(this.pipeline::awaitEnvironment);
			Path report = this.logs.resolve(run + ".properties");
			// the clients' clock starts before the backlog is written and read by docker logs -f
			long timeout = drained.lines / 1000 + 120;
			// C1 alone: the fleet reads the drain's lines within seconds of its start, and C2 compiling its loop then
			// took 1.2-1.7 of its 2.5-3.2 µs per line on the pipeline's cores (1.9-2.3 with C1 alone, JIT 0.1-0.3)
			JvmProcess fleet = fleet(run, List.of("mode=stream", "envs=" + String.join(",", envs),
					"sources=" + String.join(",", prefixes), "last-seq=" + perContainer, "timeout=" + timeout,
					"out=" + report), "-XX:TieredStopAtLevel=1");
			try {
				awaitConnected(fleet, run, containers);
				double committedBefore = collectorLines();
				JvmProcess collector = this.pipeline.collector;
				collector.suspend();
				DockerLogsRead cli;
				double engineWriteMicrosPerLine;
				try {
					long engineBefore = ProcFs.cpuNanos(ProcFs.byName("dockerd"));
					go(drained.containers);
					for (DemoContainer container : drained.containers) {
						container.awaitExit(Duration.ofMinutes(2));
					}
					engineWriteMicrosPerLine = (ProcFs.cpuNanos(ProcFs.byName("dockerd")) - engineBefore) / 1000.0
							/ drained.lines;
					cli = dockerLogsDrain(drained.containers, drained.lines);
				}
				catch (Exception | Error ex) {
					collector.resume();
					throw ex;
				}
				// the rows of the drains before: their autovacuum landed in a measured drain once (PostgreSQL 12.8 µs
				// per line where it read 2.2-3.8 in the others)
				this.pipeline.vacuum();
				Map<String, Long> before = this.pipeline.cpuNanos();
				Map<String, Long> compilersBefore = this.pipeline.compilerCpuNanos();
				long fleetBefore = fleet.cpuNanos();
				long fleetCompilersBefore = fleet.compilerCpuNanos();
				long windowStarted = System.nanoTime();
				long resumedAt = System.currentTimeMillis();
				collector.resume();
				Future<Long> committed = this.parallel.submit(() -> awaitCollectorLines(committedBefore + drained.lines));
				try {
					fleet.awaitLine("DONE");
					goals.add(String.format(Locale.ROOT, "The client fleet of the drain from %d container(s), log-source "
							+ "%s, on the same cores and in no figure: %.1f µs per line (JIT %.1f).", containers,
							source.setting(), (fleet.cpuNanos() - fleetBefore) / 1000.0 / drained.lines,
							(fleet.compilerCpuNanos() - fleetCompilersBefore) / 1000.0 / drained.lines));
					drained.fleet = FleetReport.read(report);
					awaitStored(drained);
					drained.measured(before, this.pipeline.cpuNanos(), windowStarted);
					drained.compilersMeasured(compilersBefore, this.pipeline.compilerCpuNanos());
					addDrainFigures(source, drained, resumedAt, committed, cli, metrics, goals);
					addEngineFigures(source, drained, engineWriteMicrosPerLine, metrics, goals);
				}
				finally {
					committed.cancel(true);
				}
			}
			finally {
				fleet.close();
			}
			this.pipeline.requireAlive();
		}
		finally {
			drained.close();
		}
	}

	private void addDrainFigures(Pipeline.LogSource source, Run drained, long resumedAt, Future<Long> committed,
			DockerLogsRead cli, List<Metric> metrics, List<String> goals) throws InterruptedException {
		FleetReport r = drained.fleet;
		if (r.unique() == 0) {
			throw new IllegalStateException("no line of the drain reached a client; see " + this.logs);
		}
		long lastReceived = r.firstReceivedMillis() + r.spanMillis();
		double rate = r.unique() * 1000.0 / Math.max(1, lastReceived - resumedAt);
		int containers = drained.containers.size();
		String what = String.format(Locale.ROOT, "%,d lines written before the pipeline follows, %d container%s, "
				+ "log-source %s", drained.lines, containers, (containers > 1) ? "s" : "", source.setting());
		metrics.add(versus("backlog drain lines/s to the clients, in order and lossless, " + what
				+ " (goal >= 0.5 of docker logs -f)", rate, "lines/s", "docker logs -f draining the same logs",
				cli.linesPerSecond()));
		metrics.add(Metric.of("of which: collector running on to the first line at a client, same", r.firstReceivedMillis()
				- resumedAt, "ms"));
		try {
			metrics.add(Metric.of("of which: collector running on to its having committed every line to Kafka, same",
					committed.get(10, TimeUnit.SECONDS) - resumedAt, "ms"));
		}
		catch (ExecutionException | TimeoutException ex) {
			goals.add("The collector had not committed every line of the drain from " + containers
					+ " container(s) when the fleet stopped waiting.");
		}
		metrics.add(versus("collector running on to the last line at the last client, same", lastReceived - resumedAt,
				"ms", "docker logs -f reading the same logs whole", drained.lines * 1000.0 / cli.linesPerSecond()));
		metrics.add(Metric.of("lines not received, skipped or repeated, same (of " + drained.lines + ")",
				r.lost() + r.repeated(), "lines"));
		FixedAndMarginalCpu.Window pipeline = drained.window(drained.cpu.keySet());
		metrics.add(versus("CPU per line, every process of the pipeline together, same",
				pipeline.cpuNanos() / 1000.0 / pipeline.lines(), "µs", "docker logs -f (CLI + dockerd), same logs",
				cli.cpuMicrosPerLine()));
		goals.add("CPU per line of the drain from " + containers + " container(s), log-source " + source.setting()
				+ ", by process: " + perProcess(drained) + ".");
		boolean lossless = r.lost() + r.repeated() + r.closedEarly() == 0;
		goals.add(goal(">= 50% of docker logs -f, backlog drain from " + containers + " container(s), log-source "
				+ source.setting() + ", lossless",
				lossless && rate >= 0.5 * cli.linesPerSecond(), String.format(Locale.ROOT, "%.0f%%%s",
						100 * rate / cli.linesPerSecond(), lossless ? "" : ", lines lost or repeated")));
		noteLoss(goals, r);
	}

	/**
	 * dockerd's CPU per line while the pipeline drained, beside its cost of storing the same lines with nobody reading;
	 * for the file source the goal is that serving the collector adds next to nothing (at most a tenth of it).
	 */
	private void addEngineFigures(Pipeline.LogSource source, Run drained, double writeMicrosPerLine,
			List<Metric> metrics, List<String> goals) {
		FixedAndMarginalCpu.Window engine = drained.window(List.of("dockerd"));
		double servingMicrosPerLine = engine.cpuNanos() / 1000.0 / engine.lines();
		metrics.add(versus("dockerd CPU per line while the pipeline drains, log-source " + source.setting() + ", "
				+ drained.containers.size() + " container(s)", servingMicrosPerLine, "µs",
				"dockerd CPU per line while the containers wrote the same lines, nobody reading", writeMicrosPerLine));
		if (source == Pipeline.LogSource.FILES) {
			goals.add(goal("dockerd adds at most a tenth of its write cost while the file source drains "
					+ drained.containers.size() + " container(s)", servingMicrosPerLine <= writeMicrosPerLine / 10,
					String.format(Locale.ROOT, "%.1f µs per line, beside %.1f to write it", servingMicrosPerLine,
							writeMicrosPerLine)));
		}
	}

	/** Lines the collector committed to Kafka so far. */
	private double collectorLines() throws Exception {
		return this.pipeline.counter("collector", "envstream_collector_lines_total", "");
	}

	/** Waits until the collector has committed {@code lines} in all; returns when (epoch ms, within 50 ms). */
	private long awaitCollectorLines(double lines) {
		await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> collectorLines() >= lines);
		return System.currentTimeMillis();
	}

	private void idleConnections() throws Exception {
		double load = Machine.loadAverage();
		int n = this.scale.idleConnections();
		String env = "bench-e2e-idle-" + UUID.randomUUID().toString().substring(0, 6);
		DemoContainer container = startGenerators(List.of(env), List.of("i"), 1, 1).get(0);
		try {
			this.pipeline.awaitEnvironment(env);
			// warm-up: the first connections load classes and fill caches that later ones share
			hold(env, "idle", 200);
			JvmProcess gateway = this.pipeline.gateway;
			long[] tcp = memoryWhileHeld(gateway, env, "tcp", n);
			long[] ws = memoryWhileHeld(gateway, env, "idle", n);
			double heapPer = ws[0] / (double) n;
			double nativePer = ws[1] / (double) n;
			double totalPer = heapPer + nativePer;
			List<Metric> metrics = List.of(
					versus("gateway memory per idle logs connection, heap + native, " + n
							+ " connections (goal <= 32 KiB)", totalPer, "bytes",
							"same per plain TCP connection to the same gateway, no request", (tcp[0] + tcp[1]) / (double) n),
					versus("of which heap (live after a full GC)", heapPer, "bytes", "heap per plain TCP connection",
							tcp[0] / (double) n),
					versus("of which native (RSS growth; the heap is fixed and pre-touched)", nativePer, "bytes",
							"native per plain TCP connection", tcp[1] / (double) n));
			List<String> notes = notes(load);
			notes.add(goal("<= 32 KiB per idle connection", totalPer <= 32 * 1024,
					String.format(Locale.ROOT, "%,.0f bytes", totalPer)));
			notes.add(String.format(Locale.ROOT, "A bare accepted TCP connection already costs %,.0f bytes of it in the "
					+ "same gateway (Tomcat's per-connection state and read/write buffers); the WebSocket session, its "
					+ "handler state and its logs subscription add %,.0f.", (tcp[0] + tcp[1]) / (double) n,
					totalPer - (tcp[0] + tcp[1]) / (double) n));
			notes.add("Only the gateway's own process is measured (the clients are another JVM): heap in use after a "
					+ "full GC (jcmd GC.run; measured until two readings agree within 256 KiB) and RSS from /proc, before "
					+ "and while the connections are held. The gateway runs with a fixed heap touched at start "
					+ "(-Xms = -Xmx, AlwaysPreTouch), so RSS grows only by native memory (thread stacks, socket and "
					+ "direct buffers). The baseline holds as many TCP connections that send nothing to the same Tomcat, "
					+ "so the ratio is the cost of a WebSocket session and its subscription over a bare accepted "
					+ "connection.");
			record("e2e-idle-connections", metrics, notes);
		}
		finally {
			container.close();
		}
	}

	private void throughput() throws Exception {
		// one unmeasured step in the ramp's shape first, one environment per container, here rather than with the
		// other warm-ups: the drain restarts the collector. Read per thread, a third or more of the broker's, the
		// collector's and the processor's CPU around the ramp was their JIT compilers' without it, and the CPU per line
		// is read from the ramp's first step when it is also its best
		int perContainer = this.scale.manyRates().get(0) / this.scale.containers();
		closeWarmUp(stream("warmup-wide", this.scale.containers(), 1, perContainer,
				perContainer * this.scale.stepSeconds(), false));
		// in the full suite the drain wrote just before: PostgreSQL read 9.1 µs per line on the ramp's best step,
		// 3.1 on the same step once more
		this.pipeline.vacuum();
		double load = Machine.loadAverage();
		List<Metric> metrics = new ArrayList<>();
		Ramp many = ramp(this.scale.containers(), this.scale.manyRates());
		Ramp one = ramp(1, this.scale.oneRates());
		List<String> notes = notes(load);
		for (Ramp ramp : List.of(many, one)) {
			String what = ramp.containers + " container" + ((ramp.containers > 1) ? "s" : "");
			double best = (ramp.best != null) ? ramp.best.generatedRate() : 0;
			metrics.add(versus("highest sustained lines/s container to client, lossless and p99 <= 1 s, " + what
					+ " (goal >= 0.5 of docker logs -f)", best, "lines/s", "docker logs -f, same containers and run",
					ramp.dockerLogsRate));
			if (ramp.best != null) {
				metrics.add(Metric.of("p99 latency at that rate, " + what, ramp.best.fleet.p99Millis(), "ms"));
			}
			notes.add(goal(">= 50% of docker logs -f, " + what, best >= 0.5 * ramp.dockerLogsRate,
					String.format(Locale.ROOT, "%.0f%%", 100 * best / ramp.dockerLogsRate)));
			notes.add(what + ": " + ramp.outcome);
		}
		notes.add("Each step writes " + this.scale.stepSeconds() + " s at a fixed total rate, 200-byte lines, one client "
				+ "per environment; steps double until one loses a line, repeats one or has p99 > 1 s. docker logs -f "
				+ "reads the last step's containers afterwards, whole, as fast as it can (the engine's ceiling).");
		record("e2e-throughput", metrics, notes);
		cpuPerLine(many);
	}

	/** CPU per line of every process at the best rate of the ramp, and a JFR profile of the costliest component. */
	private void cpuPerLine(Ramp ramp) throws Exception {
		double load = Machine.loadAverage();
		// with no lossless step, the first (slowest) step still shows where the CPU goes
		Run best = (ramp.best != null) ? ramp.best : ramp.first;
		int rate = (ramp.best != null) ? ramp.bestRate : ramp.firstRate;
		long lines = best.lines;
		List<Metric> metrics = new ArrayList<>();
		String at = String.format(Locale.ROOT, " (%,.0f lines/s, %d containers)", best.generatedRate(), ramp.containers);
		double whole = 0;
		for (Map.Entry<String, Long> cpu : best.cpu.entrySet()) {
			double perLine = cpu.getValue() / 1000.0 / lines;
			whole += perLine;
			metrics.add(versus("CPU per line, " + cpu.getKey() + at, perLine, "µs",
					"docker logs -f reading the same lines (CLI + dockerd)", ramp.dockerLogsCpuPerLine));
		}
		double fleet = best.fleet.cpuMillis() * 1000.0 / lines;
		metrics.add(Metric.of("CPU per line, client fleet" + at, fleet, "µs"));
		// a fixed cost per transaction on the broker: how many the lines took
		metrics.add(Metric.of("processor commits (exactly-once transactions) per 1,000 lines" + at,
				best.processorCommits * 1000 / lines, "commits"));
		metrics.add(Metric.of("collector transactions per 1,000 lines" + at, best.collectorTransactions * 1000 / lines,
				"transactions"));
		metrics.add(versus("CPU per line, every process of the pipeline together (without clients)" + at, whole,
				"µs", "docker logs -f reading the same lines (CLI + dockerd)", ramp.dockerLogsCpuPerLine));
		double compilers = best.compilerCpu.values().stream().mapToLong(Long::longValue).sum() / 1000.0 / lines;
		metrics.add(Metric.of("of which the JVMs' JIT compiler threads" + at, compilers, "µs"));
		String slowest = COMPONENTS.stream()
			.max(Comparator.comparingLong((name) -> best.cpu.getOrDefault(name, 0L)))
			.orElseThrow();
		Run lower = (ramp.first != best) ? ramp.first : halfRate(ramp.containers, rate);
		List<String> notes = notes(load);
		double withoutEngine = whole - best.cpuPerLine("dockerd", lines);
		notes.add(goal("<= 20 µs per line, every process of the pipeline together without dockerd, at the ramp's best "
				+ "step (the issue sets it at its own rate: see the steady states below)", withoutEngine <= 20,
				String.format(Locale.ROOT, "%.1f µs at %,.0f lines/s", withoutEngine, best.generatedRate())));
		notes.add("CPU per line by process, read from /proc, the JVM's JIT compiler threads' part (C1 and C2 "
				+ "CompilerThread) in brackets: " + perProcess(best) + ". Compilation costs once per hot path, not per "
				+ "line: a longer run at the same rate would spread it thinner.");
		metrics.addAll(fixedAndMarginal(best, lower, ramp.dockerLogsCpuPerLine, notes));
		notes.add(String.format(Locale.ROOT, "CPU per line by process at the lower rate (%,.0f lines/s), JIT compiler "
				+ "threads in brackets: %s.", lower.generatedRate(), perProcess(lower)));
		metrics.addAll(idleCpu(ramp.containers, best.generatedRate(), notes));
		notes.add("CPU is read from /proc for each process from the generators' start to the last line's receipt, so "
				+ "each figure includes that process's idle work (GC, polls) over the step. The stream-processor runs as "
				+ "two processes, topology only and persister only, so each has its own figure; postgresql is every "
				+ "process of the embedded server, the backends that ended during the window included (the postmaster "
				+ "keeps their time as its children's); dockerd includes the engine serving the collector's log "
				+ "streams.");
		notes.add(String.format(Locale.ROOT, "At that rate the pipeline's processes together need %.2f cores (µs per "
				+ "line × lines/s); the machine has %d, shared with the generators and the clients.",
				whole * best.generatedRate() / 1e6, Runtime.getRuntime().availableProcessors()));
		if (ramp.best == null) {
			notes.add("No step of the ramp was lossless with p99 <= 1 s; these figures are of its first step.");
		}
		notes.add("The component that costs most per line is " + slowest + ". Every JVM of the pipeline was profiled "
				+ "with JFR over one more step at the same rate, all at once: below, each one's top frames, and its "
				+ "samples by innermost envstream frame (for the broker: by Kafka request, KafkaApis.handle…).");
		metrics.addAll(profiles(ramp.containers, rate, notes));
		record("e2e-cpu-per-line", metrics, notes);
	}

	/** Each process's CPU per line over the run's window, its JIT compilers' part in brackets for a JVM. */
	private static String perProcess(Run run) {
		return run.cpu.keySet().stream().map((name) -> {
			String own = String.format(Locale.ROOT, "%s %.1f µs", name, run.cpuPerLine(name, run.lines));
			Long compilers = run.compilerCpu.get(name);
			return (compilers == null) ? own
					: own + String.format(Locale.ROOT, " (JIT %.1f)", compilers / 1000.0 / Math.max(1, run.lines));
		}).collect(Collectors.joining(", "));
	}

	/** One more run at half the rate, when the ramp's first step was also its best: the lower of two rates. */
	private Run halfRate(int containers, int rate) throws Exception {
		int perContainer = Math.max(1, rate / 2 / containers);
		Run run = stream("cpu-half" + containers + "x" + rate / 2, containers, 1, perContainer,
				perContainer * this.scale.stepSeconds(), false);
		run.close();
		return run;
	}

	/**
	 * CPU per line of the whole pipeline and of the broker at the lower rate too, and the straight line
	 * through both rates: the cores spent regardless of rate (fixed) and the CPU each line adds (marginal).
	 */
	private static List<Metric> fixedAndMarginal(Run higher, Run lower, double dockerLogsCpuPerLine,
			List<String> notes) {
		Map<String, Collection<String>> parts = new LinkedHashMap<>();
		parts.put("every process of the pipeline together", higher.cpu.keySet());
		parts.put("broker", List.of("broker"));
		String baseline = "docker logs -f reading the same lines (CLI + dockerd)";
		String at = String.format(Locale.ROOT, " (%,.0f lines/s, the lower rate)", lower.generatedRate());
		List<Metric> metrics = new ArrayList<>();
		for (Map.Entry<String, Collection<String>> part : parts.entrySet()) {
			FixedAndMarginalCpu.Window low = lower.window(part.getValue());
			FixedAndMarginalCpu.Window high = higher.window(part.getValue());
			FixedAndMarginalCpu cost = FixedAndMarginalCpu.through(low, high);
			metrics.add(versus("CPU per line, " + part.getKey() + at, low.cpuNanos() / 1000.0 / low.lines(), "µs",
					baseline, dockerLogsCpuPerLine));
			metrics.add(Metric.of("fixed CPU, " + part.getKey() + ": cores spent whatever the rate (from the two rates)",
					cost.fixedCores(), "cores"));
			metrics.add(versus("marginal CPU per line, " + part.getKey() + ": what one more line costs (slope between "
					+ "the two rates)", cost.marginalMicrosPerLine(), "µs", baseline, dockerLogsCpuPerLine));
			if (cost.marginalMicrosPerLine() < 0) {
				notes.add("The marginal CPU per line of " + part.getKey() + " came out negative: the higher rate's run "
						+ "used fewer cores than the lower one's, so these two runs do not separate its fixed from its "
						+ "marginal cost (the machine's other load changed between them, or the rates were too close); "
						+ "neither of its two figures holds.");
			}
		}
		FixedAndMarginalCpu.Window low = lower.window(higher.cpu.keySet());
		FixedAndMarginalCpu.Window high = higher.window(higher.cpu.keySet());
		double fixedCores = FixedAndMarginalCpu.through(low, high).fixedCores();
		notes.add(String.format(Locale.ROOT, "Fixed and marginal cost: each run's CPU over its window is read as fixed "
				+ "cores × window seconds + marginal × lines, so cores = fixed + marginal × lines/s; the two runs "
				+ "(%,.0f and %,.0f lines/s averaged over their windows, from the generators' start to the last line's "
				+ "receipt, so the last line's way through is in them) are two points of that line: marginal is its "
				+ "slope, fixed its value at 0 lines/s. For the whole pipeline, the fixed part is %.1f of the %.1f µs "
				+ "per line at the lower rate and %.1f of %.1f at the higher. Work paced by a timer rather than by lines "
				+ "shows as fixed (the processor commits once per exactly-once interval while lines flow, each commit a "
				+ "broker transaction; polls; heartbeats); noise between the runs moves both figures, so "
				+ "read them as estimates.", low.linesPerSecond(), high.linesPerSecond(),
				fixedCores * 1e6 / low.linesPerSecond(), low.cpuNanos() / 1000.0 / low.lines(),
				fixedCores * 1e6 / high.linesPerSecond(), high.cpuNanos() / 1000.0 / high.lines()));
		return metrics;
	}

	/**
	 * Every process's CPU while {@code containers} containers are followed and as many clients connected, with
	 * nothing written: the pipeline's cost per second whatever the rate, read directly rather than from two rates.
	 */
	private List<Metric> idleCpu(int containers, double rate, List<String> notes) throws Exception {
		int linesPerContainer = 20;
		Run idle = stream("cpu-idle", containers, 1, 10, linesPerContainer, false, IDLE_WINDOW);
		idle.close();
		String what = String.format(Locale.ROOT, " (%d containers followed, %d clients connected, nothing written)",
				containers, containers);
		List<Metric> metrics = new ArrayList<>();
		idle.idleCores.forEach((name, cores) -> metrics.add(Metric.of("idle CPU, " + name + what, cores, "cores")));
		double pipeline = idle.idleCores.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("dockerd"))
			.mapToDouble(Map.Entry::getValue)
			.sum();
		metrics.add(Metric.of("idle CPU, every process of the pipeline together without dockerd" + what, pipeline,
				"cores"));
		notes.add(String.format(Locale.ROOT, "Idle CPU, read over %d s once %d clients were connected and %d s had "
				+ "passed: the pipeline without dockerd spends %.3f cores with nothing written (%s), %.1f µs of each line "
				+ "at the %,.0f lines/s above.", IDLE_WINDOW.toSeconds(), containers, IDLE_SETTLE.toSeconds(), pipeline,
				idle.idleCores.entrySet()
					.stream()
					.map((entry) -> String.format(Locale.ROOT, "%s %.3f", entry.getKey(), entry.getValue()))
					.collect(Collectors.joining(", ")),
				pipeline * 1e6 / rate, rate));
		return metrics;
	}

	/**
	 * JFR recordings of every JVM of the pipeline over one more step at the ramp's best rate, all recording at once:
	 * each one's top frames, by samples, and its samples by the innermost frame that is its own (an envstream frame;
	 * for the broker, the Kafka request its handler thread serves). Before it, the same rate {@value #AGAIN_RUNS}
	 * more times without a recording, the hot paths compiled by the ramp's step: each process's median CPU per line
	 * over those runs, and their sum, the steady state's figure; then the same at the rate
	 * ({@link Scale#goalRate()}), where the issue sets its goal. One run's figure moved by 1-2 µs per process between
	 * runs of the same code, as much as a change sought to save. (Starting JFR makes every JVM compile again: in the
	 * recorded step the JIT compiler threads took half the CPU.)
	 */
	private List<Metric> profiles(int containers, int rate, List<String> notes) throws Exception {
		this.pipeline.vacuum();
		notes.add("PostgreSQL was vacuumed before the steady states below, so that no autovacuum of the ramp's rows "
				+ "lands in their windows.");
		List<Metric> metrics = new ArrayList<>(steadyState(containers, rate, "the same rate", notes));
		if (this.scale.goalRate() != rate) {
			// the issue sets its goal at this rate, where what the pipeline spends per second whatever the rate
			// (transactions, commits, polls) weighs more on each line than at the ramp's best step; run below
			// the ramp's best step too, since the CPU a line costs does not wait for its latency to be met
			metrics.addAll(steadyState(containers, this.scale.goalRate(), "the issue's rate", notes));
		}
		Map<String, Predicate<RecordedFrame>> owns = new LinkedHashMap<>();
		COMPONENTS.forEach((component) -> owns.put(component,
				(frame) -> frame.getMethod().getType().getName().startsWith("io.envstream.")));
		owns.put("broker", (frame) -> frame.getMethod().getType().getName().equals("kafka.server.KafkaApis")
				&& frame.getMethod().getName().startsWith("handle") && !frame.getMethod().getName().equals("handle"));
		for (String component : owns.keySet()) {
			this.pipeline.process(component)
				.jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + this.logs.resolve(component + ".jfr"));
		}
		int perContainer = rate / containers;
		Run recorded = stream("jfr", containers, 1, perContainer, perContainer * this.scale.stepSeconds(), false);
		recorded.close();
		for (Map.Entry<String, Predicate<RecordedFrame>> own : owns.entrySet()) {
			this.pipeline.process(own.getKey()).jcmd("JFR.stop", "name=bench");
			metrics.addAll(profile(own.getKey(), this.logs.resolve(own.getKey() + ".jfr"), own.getValue()));
		}
		return metrics;
	}

	/**
	 * {@code rate} {@value #AGAIN_RUNS} times, the hot paths compiled by the ramp: each process's median CPU per line
	 * over the runs, and their sum, a steady state's figure.
	 */
	private List<Metric> steadyState(int containers, int rate, String label, List<String> notes) throws Exception {
		int perContainer = rate / containers;
		List<Run> again = new ArrayList<>();
		for (int i = 0; i < AGAIN_RUNS; i++) {
			Run run = stream("again" + rate, containers, 1, perContainer, perContainer * this.scale.stepSeconds(),
					false);
			run.close();
			again.add(run);
		}
		Map<String, Double> medians = new LinkedHashMap<>();
		for (String name : again.get(0).cpu.keySet()) {
			medians.put(name, Statistics.median(again.stream().mapToDouble((run) -> run.cpuPerLine(name, run.lines))
				.toArray()));
		}
		double whole = medians.entrySet()
			.stream()
			.filter((median) -> !median.getKey().equals("dockerd"))
			.mapToDouble(Map.Entry::getValue)
			.sum();
		String totals = again.stream()
			.map((run) -> String.format(Locale.ROOT, "%.1f", run.cpu.keySet()
				.stream()
				.filter((name) -> !name.equals("dockerd"))
				.mapToDouble((name) -> run.cpuPerLine(name, run.lines))
				.sum()))
			.collect(Collectors.joining(", "));
		String byProcess = medians.entrySet()
			.stream()
			.map((median) -> String.format(Locale.ROOT, "%s %.1f µs (%.1f-%.1f)", median.getKey(), median.getValue(),
					again.stream().mapToDouble((run) -> run.cpuPerLine(median.getKey(), run.lines)).min().orElseThrow(),
					again.stream().mapToDouble((run) -> run.cpuPerLine(median.getKey(), run.lines)).max().orElseThrow()))
			.collect(Collectors.joining(", "));
		// compilation the ramp left unfinished (or that a new phase's code paths started): paid once, not per line
		double compilers = Statistics.median(again.stream()
			.mapToDouble((run) -> run.compilerCpu.values().stream().mapToLong(Long::longValue).sum() / 1000.0
					/ Math.max(1, run.lines))
			.toArray());
		double generated = again.get(AGAIN_RUNS / 2).generatedRate();
		List<Metric> metrics = new ArrayList<>();
		metrics.add(Metric.of(String.format(Locale.ROOT, "CPU per line, every process of the pipeline together without "
				+ "dockerd, %s %d more times, each process's median (%,.0f lines/s, %d containers)", label, AGAIN_RUNS,
				generated, containers), whole, "µs"));
		metrics.add(Metric.of(String.format(Locale.ROOT, "of which the JVMs' JIT compiler threads, %s, median "
				+ "(%,.0f lines/s)", label, generated), compilers, "µs"));
		medians.forEach((name, median) -> metrics.add(Metric.of(String.format(Locale.ROOT, "CPU per line, %s, %s %d "
				+ "more times, median (%,.0f lines/s)", name, label, AGAIN_RUNS, generated), median, "µs")));
		String verdict = (rate == this.scale.goalRate())
				? " " + goal("<= 20 µs per line at the issue's rate, every process of the pipeline together without "
						+ "dockerd, steady state", whole <= 20, String.format(Locale.ROOT, "%.1f µs", whole))
				: "";
		// each a broker transaction: the part of the cost paid per second rather than per line
		double commitsPerSecond = Statistics.median(again.stream()
			.mapToDouble((run) -> run.processorCommits / run.seconds)
			.toArray());
		double transactionsPerSecond = Statistics.median(again.stream()
			.mapToDouble((run) -> run.collectorTransactions / run.seconds)
			.toArray());
		notes.add(String.format(Locale.ROOT, "%s %d more times (%,.0f lines/s, %d containers), hot paths compiled "
				+ "by the ramp: %.1f µs per line without dockerd, the sum of each process's median; the runs' own sums "
				+ "%s. By process, median (lowest-highest): %s. "
				+ "The JVMs' JIT compiler threads, still compiling, median %.1f µs of each line. "
				+ "Median processor commits %.1f/s, collector transactions %.1f/s.%s", capitalized(label), AGAIN_RUNS,
				generated, containers, whole, totals, byProcess, compilers, commitsPerSecond, transactionsPerSecond,
				verdict));
		return metrics;
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/** The top frames of one JFR recording, by samples, and the samples by the innermost frame {@code own} picks. */
	private static List<Metric> profile(String component, Path jfr, Predicate<RecordedFrame> own) throws IOException {
		String ownLabel = component.equals("broker") ? "request handler" : "innermost envstream frame";
		Map<String, Long> top = new HashMap<>();
		Map<String, Long> ours = new HashMap<>();
		long samples = 0;
		try (RecordingFile recording = new RecordingFile(jfr)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
						|| event.getStackTrace().getFrames().isEmpty()) {
					continue;
				}
				samples++;
				List<RecordedFrame> frames = event.getStackTrace().getFrames();
				top.merge(frameName(frames.get(0)), 1L, Long::sum);
				frames.stream()
					.filter(own)
					.findFirst()
					.ifPresent((frame) -> ours.merge(frameName(frame), 1L, Long::sum));
			}
		}
		List<Metric> metrics = new ArrayList<>();
		long total = Math.max(1, samples);
		String unit = "% of " + samples + " samples";
		top.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(PROFILE_FRAMES).forEach(
				(e) -> metrics.add(Metric.of("JFR " + component + " top frame: " + e.getKey(), 100.0 * e.getValue() / total,
						unit)));
		ours.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(PROFILE_FRAMES).forEach(
				(e) -> metrics.add(Metric.of("JFR " + component + " " + ownLabel + ": " + e.getKey(),
						100.0 * e.getValue() / total, unit)));
		return metrics;
	}

	private static String frameName(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	// ---- the throughput ramp

	/** Steps up the rate until a step is not lossless; then reads the last step's logs with docker logs -f. */
	private Ramp ramp(int containers, List<Integer> rates) throws Exception {
		Ramp ramp = new Ramp(containers);
		Run last = null;
		try {
			for (int rate : rates) {
				int perContainer = rate / containers;
				Run run = stream("tp" + containers + "x" + rate, containers, 1, perContainer,
						perContainer * this.scale.stepSeconds(), false);
				if (last != null && last != ramp.best) {
					last.close();
				}
				last = run;
				if (ramp.first == null) {
					ramp.first = run;
					ramp.firstRate = rate;
				}
				FleetReport r = run.fleet;
				String step = String.format(Locale.ROOT, "%,d lines/s asked, %,.0f generated: lost %d, repeated %d, p99 %d ms",
						rate, run.generatedRate(), r.lost(), r.repeated(), r.p99Millis());
				log.info("throughput step, {} containers: {}", containers, step);
				if (r.lost() == 0 && r.repeated() == 0 && r.closedEarly() == 0 && r.p99Millis() <= 1000) {
					if (ramp.best != null) {
						ramp.best.close();
					}
					ramp.best = run;
					ramp.bestRate = rate;
					ramp.outcome = "highest lossless step " + step + "; no higher step was tried";
				}
				else {
					ramp.outcome = "highest lossless step "
							+ ((ramp.best != null) ? String.format(Locale.ROOT, "%,.0f lines/s", ramp.best.generatedRate())
									: "none")
							+ "; the next step failed: " + step;
					awaitStored(run);
					break;
				}
			}
			DockerLogsRead cli = dockerLogsDrain(last.containers, last.lines);
			ramp.dockerLogsRate = cli.linesPerSecond();
			ramp.dockerLogsCpuPerLine = cli.cpuMicrosPerLine();
			return ramp;
		}
		finally {
			if (last != null) {
				last.close();
			}
			if (ramp.best != null) {
				ramp.best.close();
			}
		}
	}

	/** What docker logs -f took to read logs whole: lines/s, and CPU per line of the CLIs and dockerd (µs). */
	private record DockerLogsRead(double linesPerSecond, double cpuMicrosPerLine) {
	}

	/** docker logs -f on every container at once, after they exited, reading their {@code lines} whole. */
	private DockerLogsRead dockerLogsDrain(List<DemoContainer> containers, long lines) throws Exception {
		for (DemoContainer container : containers) {
			container.awaitExit(Duration.ofMinutes(2));
		}
		long engineBefore = ProcFs.cpuNanos(ProcFs.byName("dockerd"));
		long childrenBefore = childrenCpuNanos();
		long started = System.nanoTime();
		List<Process> clis = new ArrayList<>();
		for (DemoContainer container : containers) {
			clis.add(new ProcessBuilder("docker", "logs", "-f", container.id())
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start());
		}
		for (Process cli : clis) {
			if (!cli.waitFor(5, TimeUnit.MINUTES) || cli.exitValue() != 0) {
				throw new IllegalStateException("docker logs -f did not end well on the benchmark's containers");
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new DockerLogsRead(lines / seconds, (ProcFs.cpuNanos(ProcFs.byName("dockerd")) - engineBefore
				+ childrenCpuNanos() - childrenBefore) / 1000.0 / lines);
	}

	/** CPU of this JVM's children that have ended and been waited for (the docker CLIs of the baseline). */
	private static long childrenCpuNanos() {
		return ProcFs.endedChildrenCpuNanos(ProcessHandle.current().pid());
	}

	/** After a failed step: lets the pipeline finish what was written, so the next scenario starts quiet. */
	private void awaitStored(Run run) {
		try {
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> run.envs.stream().mapToLong(this.pipeline::storedLines).sum() >= run.lines);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			log.warn("the pipeline did not store every line of the failed step within 3 minutes; going on");
		}
	}

	// ---- one streaming run

	/**
	 * Starts {@code containers} generators (one environment each), connects {@code clientsPerEnv}
	 * clients to each, starts the generators together and waits for the fleet's report.
	 */
	private Run stream(String label, int containers, int clientsPerEnv, int ratePerContainer, int linesPerContainer,
			boolean dockerLogsLatency) throws Exception {
		return stream(label, containers, clientsPerEnv, ratePerContainer, linesPerContainer, dockerLogsLatency,
				Duration.ZERO);
	}

	/**
	 * As above; with an {@code idle} window, every process's CPU is also read over that long while the containers
	 * are followed and the clients connected, before anything is written ({@link Run#idleCores}).
	 */
	private Run stream(String label, int containers, int clientsPerEnv, int ratePerContainer, int linesPerContainer,
			boolean dockerLogsLatency, Duration idle) throws Exception {
		String run = "bench-e2e-" + label + "-" + UUID.randomUUID().toString().substring(0, 6);
		List<String> envs = IntStream.range(0, containers).mapToObj((i) -> run + "-" + i).toList();
		List<String> prefixes = IntStream.range(0, containers).mapToObj((i) -> "g" + i).toList();
		List<DemoContainer> started = startGenerators(envs, prefixes, ratePerContainer, linesPerContainer);
		Run result = new Run(envs, started, (long) containers * linesPerContainer);
		try {
			envs.forEach(this.pipeline::awaitEnvironment);
			Path report = this.logs.resolve(run + ".properties");
			// generous beside the run itself, but bounded: a step far beyond the pipeline must not eat the suite
			int timeout = linesPerContainer / ratePerContainer + 60;
			JvmProcess fleet = fleet(run, List.of("mode=stream", "envs=" + String.join(",", envs),
					"sources=" + String.join(",", prefixes), "clients-per-env=" + clientsPerEnv,
					"last-seq=" + linesPerContainer, "timeout=" + timeout, "out=" + report));
			try {
				awaitConnected(fleet, run, (long) containers * clientsPerEnv);
				if (!idle.isZero()) {
					// timed windows, not waits for a condition: what the connects left running (their GC, the
					// compilers) settles, then the CPU is read over a fixed span in which nothing is written
					Thread.sleep(IDLE_SETTLE.toMillis());
					Map<String, Long> idleBefore = this.pipeline.cpuNanos();
					long idleStarted = System.nanoTime();
					Thread.sleep(idle.toMillis());
					result.idleMeasured(idleBefore, this.pipeline.cpuNanos(), idleStarted);
				}
				List<Future<LatencyHistogram>> cli = new ArrayList<>();
				if (dockerLogsLatency) {
					for (DemoContainer container : started) {
						cli.add(this.parallel.submit(() -> dockerLogsLatency(container)));
					}
				}
				// the window opens when the generators start, not when they are told to: the wait between (a second
				// and 200 ms per container, 5 s for 20) is idle, and inside the window its cost was the lines'
				sleepUntil(go(started));
				Map<String, Long> before = this.pipeline.cpuNanos();
				Map<String, Long> compilersBefore = this.pipeline.compilerCpuNanos();
				double commitsBefore = processorCommits();
				double transactionsBefore = collectorTransactions();
				long windowStarted = System.nanoTime();
				fleet.awaitLine("DONE");
				result.measured(before, this.pipeline.cpuNanos(), windowStarted);
				result.compilersMeasured(compilersBefore, this.pipeline.compilerCpuNanos());
				result.processorCommits = processorCommits() - commitsBefore;
				result.collectorTransactions = collectorTransactions() - transactionsBefore;
				result.fleet = FleetReport.read(report);
				result.dockerLogs = new LatencyHistogram();
				for (Future<LatencyHistogram> histogram : cli) {
					result.dockerLogs.add(histogram.get(5, TimeUnit.MINUTES));
				}
			}
			finally {
				fleet.close();
			}
			this.pipeline.requireAlive();
			return result;
		}
		catch (Exception | Error ex) {
			result.close();
			throw ex;
		}
	}

	/** Waits until the fleet has tried every connection; fails unless all of them are up. */
	private void awaitConnected(JvmProcess fleet, String run, long clients) throws InterruptedException {
		long connected = Long.parseLong(fleet.awaitLine("READY ").substring(6).trim());
		if (connected != clients) {
			throw new IllegalStateException("only " + connected + " of " + clients + " clients connected; see "
					+ this.logs.resolve("fleet-" + run + ".log"));
		}
	}

	/** Generators of {@code demo stamped}, one environment each; a rate of 0 writes the lines unpaced. */
	private List<DemoContainer> startGenerators(List<String> envs, List<String> prefixes, int ratePerContainer,
			int lines) throws Exception {
		List<Future<DemoContainer>> starting = new ArrayList<>();
		for (int i = 0; i < envs.size(); i++) {
			String env = envs.get(i);
			String prefix = prefixes.get(i);
			starting.add(this.parallel.submit(() -> this.docker.startDemo(env, this.pipeline.runLabels(), "demo",
					"stamped", "-r", String.valueOf(ratePerContainer), "-n", String.valueOf(lines), "-s",
					String.valueOf(LINE_BYTES), "-p", prefix, "-w", GO_FILE)));
		}
		List<DemoContainer> started = new ArrayList<>();
		for (Future<DemoContainer> container : starting) {
			started.add(container.get(2, TimeUnit.MINUTES));
		}
		return started;
	}

	/** Tells every generator to start at the same moment, a little ahead; returns that moment (epoch ms). */
	private long go(List<DemoContainer> containers) throws Exception {
		long at = System.currentTimeMillis() + 1000 + 200L * containers.size();
		List<Future<?>> telling = new ArrayList<>();
		for (DemoContainer container : containers) {
			telling.add(this.parallel.submit(() -> {
				int exit = container.exec("sh", "-c", "echo " + at + " > " + GO_FILE + ".new && mv " + GO_FILE + ".new "
						+ GO_FILE).exitCode();
				if (exit != 0) {
					throw new IllegalStateException("cannot start the generator in " + container.name());
				}
			}));
		}
		for (Future<?> told : telling) {
			told.get(1, TimeUnit.MINUTES);
		}
		if (System.currentTimeMillis() > at) {
			log.warn("generators were told to start after their start time; the first tick is late");
		}
		return at;
	}

	/** Sleeps until {@code epochMillis}, at once if it has passed. */
	private static void sleepUntil(long epochMillis) throws InterruptedException {
		// a wait for a moment the generators were given, not for a condition: there is nothing for Awaitility to
		// poll, and the CPU window must open at that moment, neither a poll interval before nor after it
		Thread.sleep(Math.max(0, epochMillis - System.currentTimeMillis()));
	}

	/** {@code docker logs -f} on a generator: the latency of each line from its send time, as the CLI sees it. */
	private static LatencyHistogram dockerLogsLatency(DemoContainer container) throws IOException {
		LatencyHistogram histogram = new LatencyHistogram();
		Process cli = new ProcessBuilder("docker", "logs", "-f", container.id())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				long now = System.currentTimeMillis();
				StampedLines.scan(line, (prefix, seq, sent) -> histogram.record(now - sent));
			}
		}
		return histogram;
	}

	/** {@code docker logs --since}: {ms to the first line, lines/s over the whole range}. */
	private static double[] dockerLogsSince(DemoContainer container, long sinceMillis) throws IOException {
		String since = String.format(Locale.ROOT, "%.3f", sinceMillis / 1000.0);
		long started = System.nanoTime();
		long firstLine = 0;
		long count = 0;
		Process cli = new ProcessBuilder("docker", "logs", "--since", since, container.id())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (count++ == 0) {
					firstLine = System.nanoTime();
				}
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new double[] { (firstLine - started) / 1e6, count / seconds };
	}

	// ---- idle connections

	/** Connects {@code count} idle clients of a mode, waits until all are up, and lets them go. */
	private void hold(String env, String mode, int count) throws Exception {
		JvmProcess fleet = fleet(env + "-" + mode, holdArgs(env, mode, count));
		try {
			fleet.awaitLine("READY ");
			fleet.closeStdin();
			fleet.awaitLine("DONE");
		}
		finally {
			fleet.close();
		}
	}

	/** Gateway {heap after GC, RSS} growth while {@code count} connections of a mode are held. */
	private long[] memoryWhileHeld(JvmProcess gateway, String env, String mode, int count) throws Exception {
		long heapBefore = stableHeap(gateway);
		long rssBefore = gateway.rssBytes();
		JvmProcess fleet = fleet(env + "-" + mode + "-" + count, holdArgs(env, mode, count));
		try {
			long connected = Long.parseLong(fleet.awaitLine("READY ").substring(6).trim());
			if (connected != count) {
				throw new IllegalStateException("only " + connected + " of " + count + " " + mode + " connections opened");
			}
			long heap = stableHeap(gateway) - heapBefore;
			long rss = gateway.rssBytes() - rssBefore;
			fleet.closeStdin();
			fleet.awaitLine("DONE");
			return new long[] { heap, rss };
		}
		finally {
			fleet.close();
		}
	}

	/**
	 * Heap in use after a full GC once it has settled (two readings a second apart within 256 KiB):
	 * connections that just closed or opened still release or finish their setup for a moment.
	 */
	private static long stableHeap(JvmProcess gateway) {
		long[] last = { gateway.heapUsedAfterGc() };
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			long now = gateway.heapUsedAfterGc();
			boolean settled = Math.abs(now - last[0]) < 256 * 1024;
			last[0] = now;
			return settled;
		});
		return last[0];
	}

	private List<String> holdArgs(String env, String mode, int count) {
		return List.of("mode=" + mode, "envs=" + env, "clients-per-env=" + count, "connections=" + count,
				"out=" + this.logs.resolve(env + "-" + mode + "-" + count + ".properties"));
	}

	// ---- plumbing

	private JvmProcess fleet(String name, List<String> args, String... jvmOptions) {
		List<String> launch = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
				ClientFleet.class.getName(), "gateway=" + this.pipeline.gatewayUrl()));
		launch.addAll(args);
		String token = Pipeline.JWT.token("bench", null, "envstream:admin");
		List<String> jvm = new ArrayList<>(List.of("-Xmx2g", "-Xss256k"));
		jvm.addAll(List.of(jvmOptions));
		return JvmProcess.startPiped("fleet-" + name, this.logs, jvm, launch, Map.of("ENVSTREAM_BENCH_TOKEN", token));
	}

	private List<String> notes(double loadBefore) {
		List<String> notes = new ArrayList<>(this.scale.notes());
		notes.add(String.format(Locale.ROOT,
				"Machine load average (1 min) %.2f when the scenario started, %.2f when it ended; all processes "
						+ "(generators, engine, broker, PostgreSQL, the four app processes, the client fleet) share the "
						+ "machine's cores.",
				loadBefore, Machine.loadAverage()));
		return notes;
	}

	/**
	 * A figure beside its baseline; a baseline of exactly 0 (a latency under a millisecond, memory
	 * that did not grow) has no ratio, so it is named in the figure instead.
	 */
	private static Metric versus(String name, double value, String unit, String baselineName, double baselineValue) {
		if (baselineValue == 0) {
			return Metric.of(name + " (" + baselineName + ": 0)", value, unit);
		}
		return Metric.against(name, value, unit, baselineName, baselineValue);
	}

	private static String goal(String goal, boolean met, String measured) {
		return "Goal " + goal + ": " + (met ? "met" : "**missed**") + " (" + measured + ").";
	}

	private static void noteLoss(List<String> notes, FleetReport r) {
		if (r.lost() + r.repeated() + r.closedEarly() > 0) {
			notes.add("Clients had not received " + r.lost() + " lines when the fleet stopped waiting (" + r.gaps()
					+ " of them skipped between received lines, the rest still on their way) and got " + r.repeated()
					+ " repeated; " + r.closedEarly() + " connections closed early (see the fleet's log).");
		}
	}

	private void record(String bench, List<Metric> metrics, List<String> notes) {
		Path file = BenchmarkResults.ofRepository().record(bench, metrics, notes);
		log.info("wrote {}", file);
	}

	/** How many times the best rate runs again for the steady state's CPU per line ({@link #profiles}). */
	private static final int AGAIN_RUNS = 3;

	/** One streaming run: its containers (closed with it), the fleet's report and every process's CPU over it. */
	private static final class Run implements AutoCloseable {

		final List<String> envs;

		final List<DemoContainer> containers;

		final long lines;

		FleetReport fleet;

		/** Every process's CPU over the window, by name. */
		Map<String, Long> cpu = new LinkedHashMap<>();

		/** Every process's cores while the run's containers were followed and its clients connected, nothing written. */
		Map<String, Double> idleCores = new LinkedHashMap<>();

		/** Of {@link #cpu}, each JVM's JIT compiler threads', by name (stream runs only). */
		Map<String, Long> compilerCpu = new LinkedHashMap<>();

		/**
		 * How long the CPU was measured: from the generators' start to the fleet's last line (or whatever the
		 * scenario waits for).
		 */
		double seconds;

		LatencyHistogram dockerLogs;

		/** The processor's commits and the collector's transactions over the window: each is a broker transaction. */
		double processorCommits;

		double collectorTransactions;

		Run(List<String> envs, List<DemoContainer> containers, long lines) {
			this.envs = envs;
			this.containers = containers;
			this.lines = lines;
		}

		/** Lines/s the generators reached, from the send times the clients saw (the last tick lasts 100 ms). */
		double generatedRate() {
			return this.lines * 1000.0 / Math.max(1, this.fleet.lastSentMillis() - this.fleet.firstSentMillis() + 100);
		}

		double cpuPerLine(String process, long lines) {
			return this.cpu.getOrDefault(process, 0L) / 1000.0 / Math.max(1, lines);
		}

		/** Keeps each process's CPU between two readings, the first taken at {@code startedNanos}. */
		void measured(Map<String, Long> before, Map<String, Long> after, long startedNanos) {
			this.cpu = new LinkedHashMap<>(after);
			this.cpu.replaceAll((name, value) -> value - before.getOrDefault(name, 0L));
			this.seconds = (System.nanoTime() - startedNanos) / 1e9;
		}

		void idleMeasured(Map<String, Long> before, Map<String, Long> after, long startedNanos) {
			double seconds = (System.nanoTime() - startedNanos) / 1e9;
			after.forEach((name, value) -> this.idleCores.put(name,
					(value - before.getOrDefault(name, 0L)) / 1e9 / seconds));
		}

		void compilersMeasured(Map<String, Long> before, Map<String, Long> after) {
			this.compilerCpu = new LinkedHashMap<>(after);
			this.compilerCpu.replaceAll((name, value) -> value - before.getOrDefault(name, 0L));
		}

		/** This run's lines and the CPU of the named processes together over its window. */
		FixedAndMarginalCpu.Window window(Collection<String> processes) {
			long cpu = processes.stream().mapToLong((name) -> this.cpu.getOrDefault(name, 0L)).sum();
			return new FixedAndMarginalCpu.Window(this.lines, this.seconds, cpu);
		}

		@Override
		public void close() {
			this.containers.forEach(DemoContainer::close);
		}

	}

	/** A throughput ramp's outcome. */
	private static final class Ramp {

		final int containers;

		Run best;

		int bestRate;

		/** The first step, lossless or not (its containers may be gone; its figures stay). */
		Run first;

		int firstRate;

		String outcome = "no step ran";

		double dockerLogsRate;

		double dockerLogsCpuPerLine;

		Ramp(int containers) {
			this.containers = containers;
		}

	}

}
