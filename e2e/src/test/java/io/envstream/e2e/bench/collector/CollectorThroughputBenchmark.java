package io.envstream.e2e.bench.collector;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.command.WaitContainerResultCallback;
import io.envstream.collector.CollectorApplication;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Collector throughput: demo containers first write 200-byte lines as fast as they can and
 * exit; then, on the same containers in the same run, {@code docker logs -f -t} (the engine's
 * own ceiling: the same API call, straight to /dev/null) and the collector (engine API → frames
 * → lines → Avro → transactional producer, committed and read back with read_committed) each
 * read the whole logs. Rates are lines over the wall time from the first to the last line seen
 * by a read_committed consumer (collector) or from start to exit of the CLIs (baseline). CPU per
 * line counts the collector's own threads (followers, publisher, producer I/O), the whole JVM
 * (collector, the in-JVM Kafka broker and the read-back consumer, sharing the machine's cores
 * with the engine) and the engine's CPU ({@code dockerd}, from /proc) during each reading.
 */
class CollectorThroughputBenchmark {

	/** The label naming a scenario's containers; its collector follows only them. */
	static final String RUN_LABEL = "envstream.bench.run";

	private final DockerFixture docker = DockerFixture.shared();

	@Test
	void measureCollectorAgainstDockerLogs() throws Exception {
		List<Metric> metrics = new ArrayList<>();
		try (KafkaFixture kafka = KafkaFixture.startCluster(1)) {
			metrics.addAll(scenario(kafka, 1, 200_000, Source.DEFAULT));
			metrics.addAll(scenario(kafka, 10, 30_000, Source.DEFAULT));
			metrics.addAll(scenario(kafka, 1, 200_000, Source.TTY_THROUGH_API));
		}
		BenchmarkResults.ofRepository().record("collector-throughput", metrics);
	}

	/** How the containers log and where the collector reads them. */
	private enum Source {

		/** Without a TTY, read where the collector's {@code log-source} of {@code auto} reads them. */
		DEFAULT("", "auto"),

		/**
		 * With a TTY, read through the engine's API: one unframed stream the collector splits into records itself,
		 * the fallback where the engine's log files cannot be seen.
		 */
		TTY_THROUGH_API(" with a TTY, through the engine's API", "api");

		private final String description;

		private final String logSource;

		Source(String description, String logSource) {
			this.description = description;
			this.logSource = logSource;
		}

	}

	private List<Metric> scenario(KafkaFixture kafka, int containers, int linesEach, Source source) throws Exception {
		String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		long total = (long) containers * linesEach;
		List<DemoContainer> started = new ArrayList<>();
		try {
			for (int i = 0; i < containers; i++) {
				String[] command = { "lines", "-r", "10000000", "-n", String.valueOf(linesEach), "-s", "200" };
				started.add((source == Source.TTY_THROUGH_API)
						? this.docker.startTtyDemo(prefix + i, Map.of(RUN_LABEL, prefix), command)
						: this.docker.startDemo(prefix + i, Map.of(RUN_LABEL, prefix), command));
			}
			for (DemoContainer container : started) {
				this.docker.client().waitContainerCmd(container.id()).exec(new WaitContainerResultCallback())
					.awaitStatusCode(5, TimeUnit.MINUTES);
			}

			// baseline: docker logs -f -t on every container at once
			long engineBefore = CpuClocks.dockerd();
			long baselineStart = System.nanoTime();
			List<Process> clis = new ArrayList<>();
			for (DemoContainer container : started) {
				clis.add(new ProcessBuilder("docker", "logs", "-f", "-t", container.id())
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.redirectError(ProcessBuilder.Redirect.DISCARD)
					.start());
			}
			for (Process cli : clis) {
				cli.waitFor(5, TimeUnit.MINUTES);
			}
			double baselineSeconds = (System.nanoTime() - baselineStart) / 1e9;
			double baselineEngineCpu = (CpuClocks.dockerd() - engineBefore) / (double) total / 1_000;
			double baseline = total / baselineSeconds;

			// the collector, from its start until every line is committed
			long collectorEngineBefore = CpuClocks.dockerd();
			double[] collector = collect(kafka, prefix, total, source.logSource);
			double collectorEngineCpu = (CpuClocks.dockerd() - collectorEngineBefore) / (double) total / 1_000;

			String what = containers + " container" + ((containers > 1) ? "s" : "") + source.description + " ("
					+ total / 1000 + "k lines of 200 B)";
			return List.of(
					Metric.against("lines/s into Kafka, committed, " + what, collector[0], "lines/s",
							"docker logs -f -t, same containers and run", baseline),
					Metric.of("collector CPU per line, " + what, collector[1], "µs"),
					Metric.of("whole JVM CPU per line while lines flow (collector + in-JVM broker + reader), " + what, collector[2],
							"µs"),
					Metric.against("engine (dockerd) CPU per line under the collector, " + what, collectorEngineCpu,
							"µs", "under docker logs -f -t", baselineEngineCpu));
		}
		finally {
			started.forEach(DemoContainer::close);
		}
	}

	/**
	 * Runs a collector until {@code total} lines of the prefix's environments are committed:
	 * {lines/s, µs collector CPU/line, µs JVM CPU/line between the first and the last line}.
	 */
	private double[] collect(KafkaFixture kafka, String prefix, long total, String logSource) throws IOException {
		String hostId = prefix + "host";
		try (KafkaConsumer<String, byte[]> consumer = committedReader(kafka)) {
			ConfigurableApplicationContext context = startCollector(kafka, hostId, prefix, logSource, "1h");
			try {
				readFromStart(consumer, Topics.LOGS_RAW.name());
				long seen = 0;
				long first = 0;
				long jvmAtFirst = 0;
				long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
				while (seen < total) {
					for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
						if (record.key() != null && record.key().startsWith(prefix)) {
							if (seen == 0) {
								first = System.nanoTime();
								jvmAtFirst = CpuClocks.wholeJvm();
							}
							seen += linesIn(record);
						}
					}
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("only " + seen + " of " + total + " lines arrived");
					}
				}
				double seconds = (System.nanoTime() - first) / 1e9;
				return new double[] { (total - 1) / seconds, CpuClocks.collectorThreads() / (double) total / 1_000,
						(CpuClocks.wholeJvm() - jvmAtFirst) / (double) (total - 1) / 1_000 };
			}
			finally {
				context.close();
			}
		}
	}

	/**
	 * A collector of its own host that follows only the containers labelled {@link #RUN_LABEL}{@code =prefix}.
	 * @param statsInterval how often it publishes the stats of running containers ({@code 1h}: never, within a scenario)
	 */
	static ConfigurableApplicationContext startCollector(KafkaFixture kafka, String hostId, String prefix,
			String logSource, String statsInterval) {
		return CollectorApplication.application()
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
					"--envstream.collector.host-id=" + hostId, "--envstream.collector.stats-interval=" + statsInterval,
					"--envstream.collector.log-source=" + logSource,
					// only this scenario's containers: others on the engine would add to what is measured
					"--envstream.collector.label-selector=" + RUN_LABEL + "=" + prefix);
	}

	/** How many lines a raw record carries: consecutive lines of one container. */
	static int linesIn(ConsumerRecord<String, byte[]> record) {
		return Topics.LOGS_RAW.valueSerde().deserializer().deserialize(Topics.LOGS_RAW.name(), record.value()).getLines().size();
	}

	/** Has {@code reader} read every partition of {@code topic} from its start; returns the partitions. */
	static List<TopicPartition> readFromStart(KafkaConsumer<?, ?> reader, String topic) {
		List<TopicPartition> partitions = reader.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		reader.assign(partitions);
		reader.seekToBeginning(partitions);
		return partitions;
	}

	static KafkaConsumer<String, byte[]> committedReader(KafkaFixture kafka) {
		Map<String, Object> config = new HashMap<>(kafka.consumerProps("bench-reader-" + UUID.randomUUID()));
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

}
