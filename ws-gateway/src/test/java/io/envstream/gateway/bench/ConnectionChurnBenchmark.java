package io.envstream.gateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.sun.management.UnixOperatingSystemMXBean;
import io.envstream.gateway.Environments;
import io.envstream.gateway.Environments.Written;
import io.envstream.gateway.GatewayInstance;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Machine;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.bench.ProcFs;
import io.envstream.testsupport.postgres.PostgresFixture;
import io.envstream.testsupport.ws.WireWebSockets;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection storm, as when a load balancer or a gateway restarts: 10k idle logs connections
 * close at once, then 1,000 clients reconnect within 1 s, each resuming by cursor 999 lines back,
 * while 10 other clients watch an environment written at 1k lines/s. Figures: the watchers' latency
 * p99 during the storm (beside the 5 s before it), the time until every reconnecting client has
 * resumed (its {@code live}; beside the same reconnects with nothing closing, measured first), and
 * the connection leases held afterwards beside the connections open (the cluster-wide limits still
 * count right). The idle crowd is held by a child JVM ({@link IdleCrowd}); the gateway, the watchers
 * and the reconnecting clients share this one, so it needs {@code ulimit -n} above the crowd plus
 * twice the others ({@code infra/dev/bench.sh} raises it to the hard limit). Writes
 * docs/benchmarks/gateway-churn.json; {@code -Dbench.churn.closing=} and
 * {@code -Dbench.churn.reconnecting=} for a smaller try.
 */
class ConnectionChurnBenchmark {

	private static final int WATCHERS = 10;

	private static final String OPEN = "envstream.gateway.connections.active";

	private static final double LATENCY_GOAL_MILLIS = 1000;

	private static final double RESUME_GOAL_SECONDS = 10;

	private final WireWebSockets sockets = CountingClient.sockets();

	/**
	 * The watchers' own reading threads: sharing the reconnecting clients', a watcher's frame would wait behind
	 * their 1M resumed lines in the benchmark's client, and its latency measure the client's backlog.
	 */
	private final WireWebSockets watcherSockets = CountingClient.sockets();

	@AfterEach
	void closeSockets() throws IOException {
		this.sockets.close();
		this.watcherSockets.close();
	}

	@Test
	void closeManyThenReconnectWithCursors() throws Exception {
		int closing = Integer.getInteger("bench.churn.closing", 10_000);
		int reconnecting = Integer.getInteger("bench.churn.reconnecting", 1000);
		double loadAtStart = Machine.loadAverage();
		long descriptors = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getMaxFileDescriptorCount();
		assertThat(descriptors)
			.as("ulimit -n: the gateway's end of every connection, and the client end of all but the crowd's, are in this JVM")
			.isGreaterThan(closing + 2L * (reconnecting + WATCHERS) + 2000);
		JdbcClient database = JdbcClient.create(PostgresFixture.shared().dataSource());
		try (GatewayInstance gateway = GatewayInstance.start("--envstream.gateway.connect-rate-burst=100000",
				"--envstream.gateway.max-connections-per-user=100000",
				"--envstream.gateway.max-connections-per-environment=100000",
				"--envstream.gateway.limits.address-connect-burst=100000",
				// Tomcat's default of 8192 connections is below the crowd: the 8,193rd waits in the accept queue
				"--server.tomcat.max-connections=30000",
				// the crowd never answers a ping: only the storm closes it
				"--envstream.gateway.heartbeat-interval=10m", "--envstream.gateway.heartbeat-timeout=30m",
				"--logging.level.root=warn");
				Environments environments = new Environments()) {
			String token = JWT.token("bench");
			String watched = Environments.newId("bench-churn-watched");
			String crowded = Environments.newId("bench-churn-crowded");
			environments.create(watched, "bench", null);
			environments.create(crowded, "bench", null);
			Written backlog = environments.write(crowded, Stream.STDOUT, 100, 100);
			Written last = backlog;
			for (int i = 1; i < 10; i++) {
				last = environments.write(crowded, Stream.STDOUT, 100, 100);
			}
			String resumeUrl = gateway.logsUrl(crowded,
					"resume=" + CursorCodec.encode(new Cursor(backlog.partition(), backlog.offset(), 0)) + "&token=" + token);
			// the crowd follows from the last line, as clients that were live do
			String crowdUrl = gateway.logsUrl(crowded,
					"resume=" + CursorCodec.encode(new Cursor(last.partition(), last.offset(), 99)) + "&token=" + token);
			List<CountingClient> watchers = new ArrayList<>();
			for (int i = 0; i < WATCHERS; i++) {
				watchers.add(CountingClient.connect(this.watcherSockets, gateway.logsUrl(watched, "tail=0&token=" + token)));
			}
			// tail=0 starts at the partition's end once the gateway has subscribed: every line written after the
			// watchers' live is theirs, one written after their upgrade but before it may not be
			await().atMost(Duration.ofMinutes(1)).until(() -> watchers.stream().allMatch((w) -> w.liveNanos > 0));
			// the watched environment gets 100 lines every 100 ms through both reconnect waves
			AtomicLong written = new AtomicLong();
			ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
			writer.scheduleAtFixedRate(() -> {
				environments.write(watched, Stream.STDOUT, 100, 100);
				written.addAndGet(100);
			}, 0, 100, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofMinutes(1)).until(() -> watchers.stream().allMatch((w) -> w.lines.get() > 0));
			watchers.forEach(CountingClient::resetLatency);
			Cpu quiet = Cpu.start();
			await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
			double quietP99 = CountingClient.percentile(watchers, 0.99);
			double quietCores = quiet.cores();

			// baseline: the same reconnects with no connection closing
			watchers.forEach(CountingClient::resetLatency);
			Wave calm = reconnect(resumeUrl, reconnecting, System.nanoTime());
			calm.awaitResumed();
			double calmP99 = CountingClient.percentile(watchers, 0.99);
			calm.clients().forEach(CountingClient::close);
			await().atMost(Duration.ofMinutes(2)).until(() -> gateway.gauge(OPEN, "endpoint", "logs") == WATCHERS);

			double releaseBatchesBefore = gateway.counter("envstream.gateway.leases.release.batches");
			Wave storm;
			double closedSeconds;
			long crowdOpen;
			long closesBeforeCrowd = closes(gateway);
			Cpu opening = Cpu.start();
			double openingMicrosPerConnection;
			try (IdleCrowd crowd = IdleCrowd.open(crowdUrl, closing)) {
				// the client sees its upgrade before the gateway's checks and start, which can still close it
				await().atMost(Duration.ofMinutes(10))
					.until(() -> gateway.gauge(OPEN, "endpoint", "logs") + closes(gateway) - closesBeforeCrowd
							== closing + WATCHERS);
				openingMicrosPerConnection = opening.beyond(quietCores) / 1e3 / closing;
				crowdOpen = (long) gateway.gauge(OPEN, "endpoint", "logs") - WATCHERS;
				watchers.forEach(CountingClient::resetLatency);
				long closesBefore = closes(gateway);
				long started = System.nanoTime();
				crowd.closeAll();
				storm = reconnect(resumeUrl, reconnecting, started);
				await().atMost(Duration.ofMinutes(10))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> closes(gateway) - closesBefore >= crowdOpen);
				closedSeconds = (System.nanoTime() - started) / 1e9;
				storm.awaitResumed();
				await().atMost(Duration.ofMinutes(2))
					.until(() -> gateway.gauge(OPEN, "endpoint", "logs") == reconnecting + WATCHERS);
			}
			double stormP99 = CountingClient.percentile(watchers, 0.99);
			// a release is written a moment after its close: the leases settle at the connections open
			long open = reconnecting + WATCHERS;
			await().atMost(Duration.ofMinutes(1)).until(() -> leases(database, watched, crowded) == open);
			long leases = leases(database, watched, crowded);
			double releaseBatches = gateway.counter("envstream.gateway.leases.release.batches") - releaseBatchesBefore;

			writer.shutdown();
			assertThat(writer.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
			await().atMost(Duration.ofMinutes(2))
				.untilAsserted(() -> assertThat(watchers).allSatisfy((w) -> assertThat(w.lines.get())
					.as("lines a watcher got of %d written (its connection: %s; clients sent to catch-up: %.0f)",
							written.get(), (w.ending() != null) ? w.ending() : "open",
							gateway.counter("envstream.gateway.slow.clients", "endpoint", "logs"))
					.isEqualTo(written.get())));
			assertThat(storm.clients()).allSatisfy((client) -> assertThat(client.lines.get())
				.as("lines a resumed client got of the 999 after its cursor (its connection: %s)",
						(client.ending() != null) ? client.ending() : "open")
				.isEqualTo(999));
			watchers.forEach(CountingClient::close);
			storm.clients().forEach(CountingClient::close);

			String storming = closing + " connections close at once and " + reconnecting + " reconnect within 1 s";
			BenchmarkResults.ofRepository().record("gateway-churn", List.of(
					Metric.against("live-line latency p99 of " + WATCHERS + " other clients at 1k lines/s while "
							+ storming + " (goal <= 1 s)", stormP99, "ms",
							"p99 of the same clients in the 5 s before", quietP99),
					Metric.against("live-line latency p99 of the same clients while " + reconnecting
							+ " reconnect within 1 s and nothing closes", calmP99, "ms",
							"p99 of the same clients in the 5 s before", quietP99),
					Metric.against("time from the closes until every reconnecting client resumed by cursor, 999 lines "
							+ "back, and is live (goal <= 10 s)", storm.resumedSeconds(), "s",
							"same with nothing closing", calm.resumedSeconds()),
					Metric.of("time from the closes until the gateway counted every close", closedSeconds, "s"),
					Metric.of("CPU of the gateway's JVM per connection while the " + closing + " opened, beyond its CPU before "
							+ "(the gateway's side of a handshake and start, its JIT compilers' time left out; the crowd's clients are "
							+ "another JVM)",
							openingMicrosPerConnection, "µs"),
					Metric.of("connections of the " + closing + " the gateway closed itself while they opened, before the storm"
							+ " (closes by code: " + gateway.closesByCode("logs") + ")", closing - crowdOpen, "connections"),
					Metric.against("connection leases held after the storm", leases, "leases", "connections open",
							open)),
					List.of(goal("live-line latency p99 <= 1 s", stormP99 <= LATENCY_GOAL_MILLIS),
							goal("every reconnecting client resumed within 10 s", storm.resumedSeconds() <= RESUME_GOAL_SECONDS),
							goal("leases equal to the connections open after the storm (the cluster-wide limits count right)",
									leases == open),
							String.format("The reconnecting clients began connecting over %.2f s in the storm and %.2f s in the "
									+ "baseline (1 s asked; the benchmark's own thread, on a loaded machine, can take longer).",
									storm.connectingSeconds(), calm.connectingSeconds()),
							String.format("Clients whose connection failed before their live and reconnected with their cursor "
									+ "(counted in the time to live): %d in the storm, %d in the baseline (e.g. %s).",
									storm.failures().size(), calm.failures().size(),
									storm.failures().isEmpty() ? "none" : storm.failures().get(0)),
							"The " + crowdOpen + " closes' leases were released in " + (long) releaseBatches
									+ " statements (each releases every lease queued meanwhile).",
							String.format("The gateway's JVM (gateway, broker, watchers and their writer) used %.2f cores, its JIT "
									+ "compilers left out, in the 5 s before the storm: subtracted from its CPU while the crowd opened.",
									quietCores),
							"The closing connections' clients are a child JVM, the gateway, the watchers and the "
									+ "reconnecting clients share this one; all share the machine's "
									+ Runtime.getRuntime().availableProcessors() + " cores.",
							String.format("Machine load average (1 min) %.2f when the benchmark started, %.2f when it ended.",
									loadAtStart, Machine.loadAverage())));
		}
	}

	private static long leases(JdbcClient database, String watched, String crowded) {
		return database.sql("SELECT count(*) FROM connection_leases WHERE environment_id IN (?, ?)")
			.params(watched, crowded)
			.query(Long.class)
			.single();
	}

	/** The logs connections the gateway counted closed so far, whatever their close code. */
	private static long closes(GatewayInstance gateway) {
		return gateway.closesByCode("logs").values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * This JVM's CPU time from a start, without its JIT compiler threads' (the bench profile keeps them all alive): it
	 * compiles the broker's, the gateway's and the clients' code for minutes, which is no connection's.
	 */
	private record Cpu(long startedNanos, long cpuNanos) {

		static Cpu start() {
			return new Cpu(System.nanoTime(), jvmCpuNanos());
		}

		/** The cores used on average since the start. */
		double cores() {
			return (jvmCpuNanos() - this.cpuNanos) / (double) (System.nanoTime() - this.startedNanos);
		}

		/** CPU nanoseconds since the start beyond {@code cores} used all along. */
		double beyond(double cores) {
			return jvmCpuNanos() - this.cpuNanos - cores * (System.nanoTime() - this.startedNanos);
		}

		private static long jvmCpuNanos() {
			long pid = ProcessHandle.current().pid();
			return ProcFs.cpuNanos(pid) - ProcFs.compilerCpuNanos(pid);
		}

	}

	private static String goal(String goal, boolean met) {
		return "Goal " + (met ? "met" : "NOT met") + ": " + goal + ".";
	}

	/**
	 * Connects {@code count} clients to {@code url} evenly over the second from {@code started}. Parks between
	 * them: an await per client (a poller thread made and stopped each time) spread them over a minute at load 30.
	 */
	private Wave reconnect(String url, int count, long started) {
		List<CountingClient> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long due = started + (long) i * 1_000_000_000L / count;
			for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			clients.add(CountingClient.connectAsync(this.sockets, url));
		}
		return new Wave(clients, started, System.nanoTime(), () -> CountingClient.connectAsync(this.sockets, url),
				new ArrayList<>());
	}

	/**
	 * Clients reconnecting from {@code started} to {@code connected}, when the last began connecting (System.nanoTime).
	 * A client whose connection fails before its {@code live} reconnects with its cursor, as a real client does
	 * ({@code failures} says how each failed).
	 */
	private record Wave(List<CountingClient> clients, long started, long connected, Supplier<CountingClient> reconnect,
			List<String> failures) {

		/** From the start until the last client began connecting: the wave's length (goal 1 s). */
		double connectingSeconds() {
			return (this.connected - this.started) / 1e9;
		}

		/**
		 * Waits for every client's {@code live}, reconnecting those whose connection ended before it; fails when
		 * more than a tenth of them did, and lists the clients still without it (lines got, connection) when the
		 * wait times out.
		 */
		void awaitResumed() {
			try {
				await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
					for (int i = 0; i < this.clients.size(); i++) {
						CountingClient client = this.clients.get(i);
						if (client.liveNanos == 0 && client.ending() != null) {
							this.failures.add(client.ending());
							if (this.failures.size() > this.clients.size() / 10) {
								throw new IllegalStateException(this.failures.size() + " clients' connections ended "
										+ "before their live, e.g. " + this.failures.subList(0, Math.min(5, this.failures.size())));
							}
							this.clients.set(i, this.reconnect.get());
						}
					}
					return this.clients.stream().allMatch((client) -> client.liveNanos > 0);
				});
			}
			catch (ConditionTimeoutException ex) {
				List<String> waiting = describe((client) -> client.liveNanos == 0);
				throw new AssertionError(waiting.size() + " clients without their live after 10 minutes, e.g. "
						+ waiting.subList(0, Math.min(5, waiting.size())), ex);
			}
		}

		private List<String> describe(Predicate<CountingClient> which) {
			return this.clients.stream()
				.filter(which)
				.map((client) -> client.lines.get() + " lines of 999, "
						+ ((client.ending() != null) ? client.ending() : "connection open"))
				.toList();
		}

		/** From the start until the last client's {@code live}; once {@link #awaitResumed} returned. */
		double resumedSeconds() {
			return (this.clients.stream().mapToLong((client) -> client.liveNanos).max().orElseThrow() - this.started) / 1e9;
		}

	}

}
