package io.envstream.gateway.bench;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.UnixOperatingSystemMXBean;
import io.envstream.gateway.Environments;
import io.envstream.gateway.Environments.Written;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.SilentWebSocket;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection storm, as when a load balancer or a gateway restarts: 10k idle logs connections
 * close at once, then 1,000 clients reconnect within 1 s, each resuming by cursor 1,000 lines
 * back, while 10 other clients watch an environment written at 1k lines/s. Figures: the watchers'
 * latency p99 during the storm (beside the 5 s before it), the time until every reconnecting client has resumed (its
 * {@code live}), and the connection leases held afterwards beside the connections open (the
 * cluster-wide limits still count right). Client and gateway share the JVM, so it needs
 * {@code ulimit -n} above twice the connections. Writes docs/benchmarks/gateway-churn.json;
 * {@code -Dbench.churn.closing=} and {@code -Dbench.churn.reconnecting=} for a smaller try.
 */
class ConnectionChurnBenchmark {

	private static final int WATCHERS = 10;

	private static final String OPEN = "envstream.gateway.connections.active";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void closeManyThenReconnectWithCursors() throws Exception {
		int closing = Integer.getInteger("bench.churn.closing", 10_000);
		int reconnecting = Integer.getInteger("bench.churn.reconnecting", 1000);
		long descriptors = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getMaxFileDescriptorCount();
		assertThat(descriptors).as("ulimit -n: client and gateway ends of every connection share this JVM")
			.isGreaterThan(2L * (closing + reconnecting + WATCHERS) + 2000);
		JdbcClient database = JdbcClient.create(PostgresFixture.shared().dataSource());
		try (GatewayInstance gateway = GatewayInstance.start("--envstream.gateway.connect-rate-burst=100000",
				"--envstream.gateway.max-connections-per-user=100000",
				"--envstream.gateway.max-connections-per-environment=100000",
				"--envstream.gateway.limits.address-connect-burst=100000",
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
			for (int i = 1; i < 10; i++) {
				environments.write(crowded, Stream.STDOUT, 100, 100);
			}
			String cursor = CursorCodec.encode(new Cursor(backlog.partition(), backlog.offset(), 0));
			List<CountingClient> watchers = new ArrayList<>();
			for (int i = 0; i < WATCHERS; i++) {
				watchers.add(CountingClient.connect(this.http, gateway.logsUrl(watched, "tail=0&token=" + token)));
			}
			List<SilentWebSocket> crowd = new ArrayList<>();
			for (int i = 0; i < closing; i++) {
				crowd.add(new SilentWebSocket(gateway.logsUrl(crowded, "tail=0&token=" + token)));
			}
			await().atMost(Duration.ofMinutes(10))
				.until(() -> gateway.gauge(OPEN, "endpoint", "logs") == closing + WATCHERS);

			// the watched environment gets 100 lines every 100 ms through the storm
			AtomicLong written = new AtomicLong();
			ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
			writer.scheduleAtFixedRate(() -> {
				environments.write(watched, Stream.STDOUT, 100, 100);
				written.addAndGet(100);
			}, 0, 100, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofMinutes(1)).until(() -> watchers.stream().allMatch((w) -> w.lines.get() > 0));
			watchers.forEach(CountingClient::resetLatency);
			await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
			double quietP99 = CountingClient.percentile(watchers, 0.99);
			watchers.forEach(CountingClient::resetLatency);

			long storm = System.nanoTime();
			for (SilentWebSocket socket : crowd) {
				socket.close();
			}
			List<CountingClient> back = new ArrayList<>();
			for (int i = 0; i < reconnecting; i++) {
				long due = storm + (long) i * 1_000_000_000L / reconnecting;
				await().pollInterval(Duration.ofMillis(1)).until(() -> System.nanoTime() >= due);
				back.add(CountingClient.connectAsync(this.http,
						gateway.logsUrl(crowded, "resume=" + cursor + "&token=" + token)));
			}
			await().atMost(Duration.ofMinutes(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> back.stream().allMatch((client) -> client.liveNanos > 0));
			double resumedSeconds = (back.stream().mapToLong((client) -> client.liveNanos).max().orElseThrow() - storm) / 1e9;
			double p99 = CountingClient.percentile(watchers, 0.99);
			await().atMost(Duration.ofMinutes(2))
				.until(() -> gateway.gauge(OPEN, "endpoint", "logs") == reconnecting + WATCHERS);
			long leases = database.sql("SELECT count(*) FROM connection_leases WHERE environment_id IN (?, ?)")
				.params(watched, crowded)
				.query(Long.class)
				.single();
			writer.shutdown();
			assertThat(writer.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
			await().atMost(Duration.ofMinutes(2))
				.until(() -> watchers.stream().allMatch((w) -> w.lines.get() >= written.get()));
			assertThat(watchers).allSatisfy((w) -> assertThat(w.lines.get()).isEqualTo(written.get()));
			assertThat(back).allSatisfy((client) -> assertThat(client.lines.get()).isEqualTo(999));
			watchers.forEach(CountingClient::close);
			back.forEach(CountingClient::close);
			BenchmarkResults.ofRepository().record("gateway-churn", List.of(
					Metric.against("live-line latency p99 of " + WATCHERS + " other clients while " + closing
							+ " connections close and " + reconnecting + " reconnect within 1 s (goal <= 1 s)", p99, "ms",
							"p99 of the same clients in the 5 s before the storm", quietP99),
					Metric.of("time from the closes until every reconnecting client resumed by cursor, 999 lines back,"
							+ " and is live (goal <= 10 s)", resumedSeconds, "s"),
					Metric.against("connection leases held after the storm", leases, "leases", "connections open",
							reconnecting + WATCHERS)));
		}
	}

}
