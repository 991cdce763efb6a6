package io.envstream.gateway.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.envstream.gateway.Environments;
import io.envstream.gateway.Environments.Written;
import io.envstream.gateway.GatewayInstance;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.ws.WireWebSockets;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fan-out and catch-up figures of the logs endpoint on this machine (real broker, real
 * PostgreSQL, clients in the same JVM, which share its cores). Run with {@code infra/dev/bench.sh
 * -pl ws-gateway}; writes docs/benchmarks/gateway-fanout.json, gateway-broadcast.json (1,000 clients
 * beside a plain WebSocket broadcast of the same frames; {@code -Dbench.fanout.clients=},
 * {@code -Dbench.fanout.seconds=} for a smaller try, {@code -Dbench.fanout.send-queue-lines=} to push clients to the
 * shared catch-up read at that size) and gateway-catch-up.json.
 */
class LogsFanoutBenchmark {

	private static GatewayInstance gateway;

	private static Environments environments;

	private final WireWebSockets sockets = CountingClient.sockets();

	@AfterEach
	void closeSockets() throws IOException {
		this.sockets.close();
	}

	@BeforeAll
	static void start() {
		// production's heartbeat: the tests' 3 s timeout closed clients whose pings waited behind a busy sender pool,
		// and their 500 ms interval pinged every client 60 times as often; a ping is a write a sender blocks on for at
		// most 1 s, and with 1,000 clients sharing the JVM's cores a client's socket can stay full longer than that
		gateway = GatewayInstance.start("--envstream.gateway.connect-rate-burst=5000",
				"--envstream.gateway.heartbeat-interval=30s", "--envstream.gateway.heartbeat-timeout=60s",
				"--envstream.gateway.send-queue-lines=" + Integer.getInteger("bench.fanout.send-queue-lines", 5000),
				"--envstream.gateway.max-connections-per-environment=2000",
				"--envstream.gateway.max-connections-per-user=2000", "--logging.level.root=warn");
		environments = new Environments();
	}

	private static final int SENDERS = Math.max(4, Runtime.getRuntime().availableProcessors() * 4);

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	/** Writes {@code rate} lines/s in 100-line batches for {@code seconds}; returns lines delivered per second in aggregate. */
	private double run(List<CountingClient> clients, String environment, int rate, int seconds) {
		int batches = rate * seconds / 100;
		long started = System.nanoTime();
		for (int i = 0; i < batches; i++) {
			long due = started + (long) i * 1_000_000_000L * 100 / rate;
			await().pollInterval(Duration.ofMillis(1)).until(() -> System.nanoTime() >= due);
			environments.write(environment, Stream.STDOUT, 100, 100);
		}
		long expected = (long) batches * 100;
		// fails at once: a closed client's count would stop, not stall
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(20))
			.failFast("a client got a line twice or lost its connection", () -> assertDeliveredOnceAndOpen(clients, expected))
			.untilAsserted(() -> assertThat(clients).as("lines each client got of %d written", expected)
				.allSatisfy((client) -> assertThat(client.lines.get()).isEqualTo(expected)));
		double elapsed = (System.nanoTime() - started) / 1e9;
		return clients.size() * expected / elapsed;
	}

	/** Names the first client with more lines than written, or whose connection ended, and how it ended. */
	private static void assertDeliveredOnceAndOpen(List<CountingClient> clients, long expected) {
		for (int i = 0; i < clients.size(); i++) {
			CountingClient client = clients.get(i);
			long lines = client.lines.get();
			assertThat(lines).as("lines client %d of %d got of %d written (more: a duplicate)", i, clients.size(), expected)
				.isLessThanOrEqualTo(expected);
			assertThat(client.ending()).as("how client %d of %d ended, after %d of %d lines", i, clients.size(), lines,
					expected)
				.isNull();
		}
		assertThat(gateway.gauge("envstream.gateway.connections.active", "endpoint", "logs"))
			.as("logs connections the gateway holds open (a close the client has not seen yet; closes by code: %s)",
					gateway.closesByCode("logs"))
			.isGreaterThanOrEqualTo(clients.size());
	}

	private List<CountingClient> connect(String environment, int count) {
		List<CountingClient> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			clients.add(CountingClient.connect(this.sockets, gateway.logsUrl(environment, "tail=0&token=" + JWT.token("bench"))));
		}
		return clients;
	}

	@Test
	void fanOut() throws Exception {
		List<Metric> metrics = new ArrayList<>();
		String single = Environments.newId("bench-one");
		environments.create(single, "bench", null);
		List<CountingClient> one = connect(single, 1);
		await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
		double oneRate = run(one, single, 1000, 10);
		double oneP99 = CountingClient.percentile(one, 0.99);
		one.forEach(CountingClient::close);
		String hundred = Environments.newId("bench-hundred");
		environments.create(hundred, "bench", null);
		List<CountingClient> many = connect(hundred, 100);
		await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
		double manyRate = run(many, hundred, 1000, 10);
		metrics.add(Metric.against("lines/s delivered in aggregate, 100 clients, 1k lines/s written for 10 s",
				manyRate, "lines/s", "same with 1 client", oneRate));
		metrics.add(Metric.against("p50 latency container timestamp to client, 100 clients at 1k lines/s",
				CountingClient.percentile(many, 0.50), "ms", "p50 with 1 client", CountingClient.percentile(one, 0.50)));
		metrics.add(Metric.against("p99 latency container timestamp to client, 100 clients at 1k lines/s (goal <= 250 ms)",
				CountingClient.percentile(many, 0.99), "ms", "p99 with 1 client", oneP99));
		many.forEach(CountingClient::close);
		BenchmarkResults.ofRepository().record("gateway-fanout", metrics);
	}

	/**
	 * One environment at 1k lines/s to many clients, beside the same frames (those one of the
	 * clients received) broadcast at the same pace to as many clients by a bare WebSocket server on
	 * the same container, with as many sending threads as the gateway has.
	 */
	@Test
	void fanOutBesidePlainBroadcast() throws Exception {
		int count = Integer.getInteger("bench.fanout.clients", 1000);
		int seconds = Integer.getInteger("bench.fanout.seconds", 10);
		String environment = Environments.newId("bench-fanout");
		environments.create(environment, "bench", null);
		List<CountingClient> clients = connect(environment, count);
		clients.get(0).recordFrames();
		await().atMost(Duration.ofMinutes(2)).until(() -> clients.stream().allMatch((client) -> client.liveNanos > 0));
		double slowBefore = gateway.counter("envstream.gateway.slow.clients", "endpoint", "logs");
		double[] catchUpPeaks = new double[2];
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleAtFixedRate(() -> {
			catchUpPeaks[0] = Math.max(catchUpPeaks[0], gateway.gauge("envstream.gateway.catchup.readers"));
			catchUpPeaks[1] = Math.max(catchUpPeaks[1], gateway.gauge("envstream.gateway.catchup.shared.clients"));
		}, 0, 20, TimeUnit.MILLISECONDS);
		double rate = run(clients, environment, 1000, seconds);
		sampler.shutdown();
		assertThat(sampler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		double slow = gateway.counter("envstream.gateway.slow.clients", "endpoint", "logs") - slowBefore;
		double p50 = CountingClient.percentile(clients, 0.50);
		double p99 = CountingClient.percentile(clients, 0.99);
		List<String> frames = List.copyOf(clients.get(0).frames);
		long lines = clients.get(0).lines.get();
		clients.forEach(CountingClient::close);

		double[] plain = broadcast(frames, lines, count);
		BenchmarkResults.ofRepository().record("gateway-broadcast", List.of(
				Metric.against("lines/s delivered in aggregate, 1 environment at 1k lines/s to " + count
						+ " clients (goal >= 0.9 x plain broadcast)", rate, "lines/s",
						"plain WebSocket broadcast of the same frames to as many clients", plain[0]),
				Metric.against("p50 latency, same", p50, "ms", "p50 of the plain broadcast", plain[1]),
				Metric.against("p99 latency, same (goal <= 1 s)", p99, "ms", "p99 of the plain broadcast", plain[2]),
				Metric.of("clients sent to a catch-up reader, same (goal 0 while the gateway has CPU to spare)", slow,
						"clients"),
				Metric.of("catch-up reads running at once at most, same (one shared read per partition)",
						catchUpPeaks[0], "reads"),
				Metric.of("clients in the shared catch-up read at once at most, same", catchUpPeaks[1], "clients")));
	}

	/** Replays the frames at the pace they were written; returns aggregate lines/s, p50 and p99 latency. */
	private double[] broadcast(List<String> frames, long lines, int count) throws Exception {
		try (PlainBroadcast server = new PlainBroadcast(SENDERS)) {
			List<CountingClient> clients = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				clients.add(CountingClient.connect(this.sockets, server.url()));
			}
			await().atMost(Duration.ofMinutes(2)).until(() -> server.connected() == count);
			long firstWritten = CountingClient.firstTimestampMillis(frames.get(0));
			long started = System.nanoTime();
			long shift = System.currentTimeMillis() - firstWritten;
			clients.forEach((client) -> client.clockShiftMillis = shift);
			for (String frame : frames) {
				long due = started + (CountingClient.firstTimestampMillis(frame) - firstWritten) * 1_000_000L;
				await().pollInterval(Duration.ofMillis(1)).until(() -> System.nanoTime() >= due);
				server.broadcast(frame);
			}
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> clients.stream().allMatch((client) -> client.lines.get() >= lines));
			double elapsed = (System.nanoTime() - started) / 1e9;
			double[] figures = { count * lines / elapsed, CountingClient.percentile(clients, 0.50),
					CountingClient.percentile(clients, 0.99) };
			clients.forEach(CountingClient::close);
			return figures;
		}
	}

	@Test
	void catchUp() throws Exception {
		String environment = Environments.newId("bench-catch-up");
		environments.create(environment, "bench", null);
		Written first = environments.write(environment, Stream.STDOUT, 100, 100);
		for (int i = 1; i < 2000; i++) {
			environments.write(environment, Stream.STDOUT, 100, 100);
		}
		long total = 2000L * 100 - 1;
		String cursor = CursorCodec.encode(new Cursor(first.partition(), first.offset(), 0));
		long started = System.nanoTime();
		CountingClient client = CountingClient.connect(this.sockets,
				gateway.logsUrl(environment, "resume=" + cursor + "&token=" + JWT.token("bench")));
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(10)).until(() -> client.lines.get() >= total);
		double seconds = (System.nanoTime() - started) / 1e9;
		double firstLineMillis = (client.firstLineNanos - started) / 1e6;
		client.close();
		// baseline: a plain read_committed consumer reading and decoding nothing, the same records
		Map<String, Object> props = KafkaFixture.shared().consumerProps("bench-" + environment);
		props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		props.remove(ConsumerConfig.GROUP_ID_CONFIG);
		TopicPartition tp = new TopicPartition(Topics.LOGS.name(), first.partition());
		long raw;
		long rawStarted = System.nanoTime();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
			consumer.assign(Set.of(tp));
			consumer.seek(tp, first.offset());
			long end = consumer.endOffsets(Set.of(tp)).get(tp);
			raw = 0;
			while (consumer.position(tp) < end) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (environment.equals(record.key())) {
						raw += 100;
					}
				}
			}
		}
		double rawSeconds = (System.nanoTime() - rawStarted) / 1e9;
		BenchmarkResults.ofRepository().record("gateway-catch-up", List.of(
				Metric.against("lines/s to one client resuming 200k lines behind (goal >= 100k)", total / seconds,
						"lines/s", "raw read_committed consumer over the same records", raw / rawSeconds),
				Metric.against("time to the first line of that resume (goal <= 200 ms)", firstLineMillis, "ms",
						"time to read all lines with the raw consumer", rawSeconds * 1000)));
	}

}
