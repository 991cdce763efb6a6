package io.envstream.e2e.bench.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.envstream.testsupport.bench.ProcFs;
import io.envstream.testsupport.jwt.JwtFixture;
import io.envstream.testsupport.postgres.PostgresFixture;

import static org.awaitility.Awaitility.await;

/**
 * envstream as separate processes, the way a deployment runs it, so each component's CPU can be
 * read from /proc: a one-broker KRaft cluster ({@link BrokerProcess}), PostgreSQL (embedded, its
 * own processes), and the exec jars of the collector, the stream-processor twice (topology only,
 * persister only) and the ws-gateway. The exec jars must have been built (the bench command
 * builds them in the same reactor).
 */
final class Pipeline implements AutoCloseable {

	static final JwtFixture JWT = JwtFixture.create();

	/** The label naming the run a benchmark container belongs to; the run's collector follows only its own. */
	static final String RUN_LABEL = "envstream.bench.run";

	/** So that {@link #compilerCpuNanos} finds every compiler thread that ever ran (an idle one could end). */
	private static final String KEEP_COMPILER_THREADS = "-XX:-UseDynamicNumberOfCompilerThreads";

	private final Path root;

	private final Path logs;

	private final List<JvmProcess> started = new ArrayList<>();

	private final PostgresFixture postgres;

	private final String bootstrap;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	final JvmProcess broker;

	/** The collector now running: {@link #restartCollector} replaces it. */
	JvmProcess collector;

	final JvmProcess topology;

	final JvmProcess persister;

	final JvmProcess gateway;

	final int gatewayPort;

	/** Where each app's actuator answers (the gateway's management port, the others' HTTP port), by process name. */
	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private Pipeline(Path root, Path logs) throws Exception {
		this.root = root;
		this.logs = logs;
		this.broker = track(JvmProcess.startPiped("broker", logs, List.of("-Xmx1g", KEEP_COMPILER_THREADS),
				List.of("-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName()), Map.of()));
		this.bootstrap = this.broker.awaitLine("BOOTSTRAP ").substring("BOOTSTRAP ".length()).trim();
		this.postgres = PostgresFixture.shared();
		List<String> database = List.of("--spring.datasource.url=" + this.postgres.jdbcUrl(),
				"--spring.datasource.username=" + this.postgres.username(),
				"--spring.datasource.password=" + this.postgres.password());
		int collectorPort = freePort();
		this.collector = track(collector(collectorPort, LogSource.AUTO));
		int topologyPort = freePort();
		List<String> topologyArgs = new ArrayList<>(database);
		topologyArgs.addAll(List.of("--envstream.processor.persister.enabled=false",
				"--spring.kafka.streams.state-dir=" + logs.resolve("streams-state")));
		this.topology = track(app("processor-topology", "stream-processor", topologyPort, topologyArgs));
		int persisterPort = freePort();
		List<String> persisterArgs = new ArrayList<>(database);
		persisterArgs.add("--envstream.processor.topology.enabled=false");
		this.persister = track(app("processor-persister", "stream-processor", persisterPort, persisterArgs));
		this.gatewayPort = freePort();
		int gatewayManagementPort = freePort();
		List<String> gatewayArgs = new ArrayList<>(database);
		gatewayArgs.addAll(List.of("--management.server.port=" + gatewayManagementPort,
				"--envstream.gateway.jwt.issuer=" + JWT.issuer(),
				"--envstream.gateway.jwt.audience=" + JWT.audience(),
				"--envstream.gateway.jwt.public-key=" + Base64.getEncoder().encodeToString(JWT.publicKey().getEncoded()),
				// the benchmarks open thousands of connections as one user to one environment
				"--envstream.gateway.max-connections-per-user=1000000",
				"--envstream.gateway.max-connections-per-environment=1000000",
				"--envstream.gateway.connect-rate-burst=1000000", "--envstream.gateway.connect-rate-per-second=1000000",
				// ... all from 127.0.0.1, so from one client address
				"--envstream.gateway.limits.address-connect-burst=1000000",
				"--envstream.gateway.limits.address-connects-per-second=1000000",
				// Tomcat's default of 8192 connections is below the 10k idle-connection scenario
				"--server.tomcat.max-connections=30000", "--server.tomcat.accept-count=2000",
				// the plain-TCP baseline of idle connections sends no request: keep them open while measured
				"--server.tomcat.connection-timeout=10m"));
		// a fixed, pre-touched heap: RSS then grows only by memory outside the heap, so heap and
		// native memory per connection are measured apart
		this.gateway = track(app("gateway", "ws-gateway", this.gatewayPort, gatewayArgs, "-Xms2g", "-Xmx2g",
				"-XX:+AlwaysPreTouch"));
		this.ports.put(this.collector.name(), collectorPort);
		this.ports.put(this.topology.name(), topologyPort);
		this.ports.put(this.persister.name(), persisterPort);
		this.ports.put(this.gateway.name(), gatewayManagementPort);
		this.ports.forEach((name, port) -> awaitHealthy(process(name), port));
	}

	/** Where the collector reads containers' logs ({@code envstream.collector.log-source}). */
	enum LogSource {

		/** The json-file files where the collector can read them, else the engine's API: the default. */
		AUTO,
		/** The engine's logs API. */
		API,
		/** The json-file files under the engine's data root. */
		FILES;

		String setting() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private JvmProcess collector(int port, LogSource source) {
		return app("collector", "collector", port, List.of("--envstream.collector.host-id=bench-e2e-" + this.run,
				// a line another container on the engine printed earlier must not reach (and stop) this pipeline
				"--envstream.collector.label-selector=" + RUN_LABEL + "=" + this.run,
				"--envstream.collector.stats-interval=1h", "--envstream.collector.log-source=" + source.setting()));
	}

	/**
	 * Stops the collector (it commits what it read) and starts it again, same host, reading logs from {@code source};
	 * it resumes every container from its checkpoint. Its counters start again from zero.
	 */
	void restartCollector(LogSource source) {
		int port = this.ports.get(this.collector.name());
		int at = this.started.indexOf(this.collector);
		this.collector.close();
		this.collector = collector(port, source);
		this.started.set(at, this.collector);
		awaitHealthy(this.collector, port);
	}

	/** Starts everything from the repository at {@code root}, logs under {@code logs}. */
	static Pipeline start(Path root, Path logs) throws Exception {
		return new Pipeline(root, logs);
	}

	/** The labels every container of this run carries, so its collector follows it. */
	Map<String, String> runLabels() {
		return Map.of(RUN_LABEL, this.run);
	}

	String gatewayUrl() {
		return "ws://localhost:" + this.gatewayPort;
	}

	Path logs() {
		return this.logs;
	}

	/** PostgreSQL's processes (postmaster and backends), for their CPU. */
	List<Long> postgresPids() {
		String port = this.postgres.jdbcUrl().replaceAll(".*://[^:/]+:(\\d+)/.*", "$1");
		return ProcFs.treeOf(List.of("-p", port));
	}

	/** Waits until the collector has announced the environment and the persister stored it (the gateway's access check reads it). */
	void awaitEnvironment(String environmentId) {
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> count("SELECT count(*) FROM environments WHERE environment_id = ?", environmentId) > 0);
	}

	/** Lines of the environment in PostgreSQL. */
	long storedLines(String environmentId) {
		return count("SELECT coalesce(sum(line_count), 0) FROM log_batches WHERE environment_id = ?", environmentId);
	}

	/**
	 * Vacuums the database, so that the rows written before (a drain's hundreds of thousands) are not
	 * vacuumed by autovacuum during a later measured window, as PostgreSQL's CPU would then say.
	 */
	void vacuum() {
		try (Connection connection = this.postgres.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			// VACUUM cannot run inside a transaction block
			connection.setAutoCommit(true);
			statement.execute("VACUUM (ANALYZE)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot vacuum PostgreSQL: " + ex.getMessage(), ex);
		}
	}

	private long count(String sql, String environmentId) {
		try (Connection connection = this.postgres.dataSource().getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, environmentId);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot query PostgreSQL: " + ex.getMessage(), ex);
		}
	}

	/** Every process's CPU time so far, by component. */
	Map<String, Long> cpuNanos() {
		Map<String, Long> cpu = new LinkedHashMap<>();
		for (JvmProcess process : this.started) {
			cpu.put(process.name(), process.cpuNanos());
		}
		// the postmaster's ended backends (autovacuum workers, closed connections) count through its cutime
		List<Long> postgres = postgresPids();
		cpu.put("postgresql", ProcFs.cpuNanos(postgres)
				+ postgres.stream().mapToLong(ProcFs::endedChildrenCpuNanos).sum());
		cpu.put("dockerd", ProcFs.cpuNanos(ProcFs.byName("dockerd")));
		return cpu;
	}

	/** Each JVM's JIT compiler threads' CPU time so far, by process name: part of {@link #cpuNanos}. */
	Map<String, Long> compilerCpuNanos() {
		Map<String, Long> cpu = new LinkedHashMap<>();
		for (JvmProcess process : this.started) {
			cpu.put(process.name(), process.compilerCpuNanos());
		}
		return cpu;
	}

	/**
	 * A timer of an app's Prometheus endpoint so far: {sum of seconds, count}, over the label sets
	 * whose text contains {@code labels} (empty: all).
	 */
	double[] timer(String process, String metric, String labels) throws IOException, InterruptedException {
		String text = scrape(process, metric);
		return new double[] { sum(text, metric + "_sum", labels), sum(text, metric + "_count", labels) };
	}

	/** A histogram of an app's Prometheus endpoint so far, over the label sets whose text contains {@code labels}. */
	PrometheusHistogram histogram(String process, String metric, String labels)
			throws IOException, InterruptedException {
		return PrometheusHistogram.parse(scrape(process, metric), metric, labels);
	}

	/** A counter of an app's Prometheus endpoint so far, over the label sets whose text contains {@code labels}. */
	double counter(String process, String metric, String labels) throws IOException, InterruptedException {
		// a counter's family is named without _total; a gauge's name may end in it
		String families = metric.endsWith("_total") ? metric.substring(0, metric.length() - 6) + "," + metric : metric;
		return sum(scrape(process, families), metric, labels);
	}

	/**
	 * Some metric families of an app's Prometheus endpoint ({@code families}: comma-separated names). The drain
	 * polls the collector's every 50 ms: its whole registry, Kafka's producer metrics included, took 8% of the
	 * collector's CPU samples then, counted as the pipeline's.
	 */
	private String scrape(String process, String families) throws IOException, InterruptedException {
		HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://localhost:" + this.ports.get(process)
				+ "/actuator/prometheus?includedNames=" + families)).build();
		return HttpClient.newHttpClient().send(scrape, HttpResponse.BodyHandlers.ofString()).body();
	}

	private static double sum(String prometheusText, String name, String labels) {
		double sum = 0;
		for (String line : prometheusText.split("\n")) {
			int space = line.lastIndexOf(' ');
			if (line.startsWith("#") || space < 0 || !line.contains(labels)) {
				continue;
			}
			if (line.substring(0, line.contains("{") ? line.indexOf('{') : space).equals(name)) {
				sum += Double.parseDouble(line.substring(space + 1));
			}
		}
		return sum;
	}

	/** The process of a component by its name ({@code collector}, {@code processor-topology}, ...). */
	JvmProcess process(String name) {
		return this.started.stream()
			.filter((process) -> process.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no process named " + name));
	}

	void requireAlive() {
		this.started.forEach(JvmProcess::requireAlive);
	}

	private JvmProcess app(String name, String module, int port, List<String> args, String... jvmArgs) {
		List<String> launch = new ArrayList<>(List.of("-jar", execJar(module).toString(), "--server.port=" + port,
				"--spring.kafka.bootstrap-servers=" + this.bootstrap, "--spring.main.banner-mode=off"));
		launch.addAll(args);
		List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:+UnlockDiagnosticVMOptions",
				"-XX:+DebugNonSafepoints", KEEP_COMPILER_THREADS));
		jvm.addAll(List.of(jvmArgs));
		return JvmProcess.start(name, this.logs, jvm, launch, Map.of());
	}

	private Path execJar(String module) {
		Path target = this.root.resolve(module).resolve("target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no exec jar in " + target
						+ ": build it first (infra/dev/bench.sh e2e does, in the same Maven reactor)"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void awaitHealthy(JvmProcess process, int port) {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> {
			process.requireAlive();
			return http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\"");
		});
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private JvmProcess track(JvmProcess process) {
		this.started.add(process);
		return process;
	}

	@Override
	public void close() {
		// apps first (the gateway closes its sockets, the collector commits), the broker last
		for (int i = this.started.size() - 1; i >= 0; i--) {
			JvmProcess process = this.started.get(i);
			if (process == this.broker) {
				process.closeStdin();
			}
			process.close();
		}
	}

}
