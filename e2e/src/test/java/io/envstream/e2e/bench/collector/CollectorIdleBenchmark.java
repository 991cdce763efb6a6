package io.envstream.e2e.bench.collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.command.WaitContainerResultCallback;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Machine;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a collector costs while the environments of its host are quiet: a fleet's hosts keep exited containers
 * (finished jobs, environments stopped for the night) for as long as nobody removes them, and the collector follows
 * each one for as long as it exists; running ones may say nothing for hours. {@value #CONTAINERS} demo containers
 * write a few lines and exit (once from the files, once through the engine's API) or run on without a word; for
 * {@value #WINDOW_SECONDS} s the engine and this JVM idle with no collector (the same-run baseline), then a collector
 * starts, ships every line, and {@value #WINDOW_SECONDS} s are measured from {@value #SETTLE_SECONDS} s later: the
 * collector's own threads, this JVM (collector and the in-JVM broker) and the engine ({@code dockerd}), in cores.
 */
class CollectorIdleBenchmark {

	private static final int CONTAINERS = 100;

	private static final int LINES_EACH = 20;

	private static final int WINDOW_SECONDS = 60;

	/**
	 * How long after the last line the window starts: the reads that shipped the lines are behind it, and a follower
	 * that looks once a minute looks once inside it.
	 */
	private static final int SETTLE_SECONDS = 30;

	private final DockerFixture docker = DockerFixture.shared();

	@Test
	void measureTheCostOfStoppedContainers() throws Exception {
		double loadAtStart = Machine.loadAverage();
		List<Metric> metrics = new ArrayList<>();
		try (KafkaFixture kafka = KafkaFixture.startCluster(1)) {
			metrics.addAll(scenario(kafka, Containers.STOPPED, "auto", "read from the engine's files"));
			metrics.addAll(scenario(kafka, Containers.STOPPED, "api", "read through the engine's API"));
			metrics.addAll(scenario(kafka, Containers.RUNNING_QUIET, "auto", "read from the engine's files"));
		}
		BenchmarkResults.ofRepository().record("collector-idle", metrics, List.of(
				"The engine's CPU from /proc counts 10 ms ticks: 0.0003 cores is one tick a minute.",
				"Machine load average (1 min) " + loadAtStart + " at the start, " + Machine.loadAverage() + " at the end."));
	}

	/** What the containers do once they have written their lines. */
	private enum Containers {

		/** They exit: the collector's stats have nothing to sample, so they are off. */
		STOPPED("stopped containers", "1h", "lines", "-r", "1000", "-n", String.valueOf(LINES_EACH)),

		/** They run on without a word, their stats published at the collector's default interval. */
		RUNNING_QUIET("quiet running containers, stats every 5 s", "5s", "sh", "-c",
				"demo lines -r 1000 -n " + LINES_EACH + " && exec demo idle");

		private final String description;

		private final String statsInterval;

		private final String[] command;

		Containers(String description, String statsInterval, String... command) {
			this.description = description;
			this.statsInterval = statsInterval;
			this.command = command;
		}

	}

	private List<Metric> scenario(KafkaFixture kafka, Containers kind, String logSource, String how) throws Exception {
		String prefix = "idle-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		List<DemoContainer> started = new ArrayList<>();
		try {
			for (int i = 0; i < CONTAINERS; i++) {
				started.add(this.docker.startDemo(prefix + i, Map.of(CollectorThroughputBenchmark.RUN_LABEL, prefix),
						kind.command));
			}
			if (kind == Containers.STOPPED) {
				for (DemoContainer container : started) {
					this.docker.client().waitContainerCmd(container.id()).exec(new WaitContainerResultCallback())
						.awaitStatusCode(1, TimeUnit.MINUTES);
				}
			}

			Cores nobodyFollows = Cores.over(Duration.ofSeconds(WINDOW_SECONDS));
			try (KafkaConsumer<String, byte[]> reader = CollectorThroughputBenchmark.committedReader(kafka)) {
				ConfigurableApplicationContext collector = CollectorThroughputBenchmark.startCollector(kafka,
						prefix + "host", prefix, logSource, kind.statsInterval);
				try {
					awaitEveryLine(reader, prefix, (long) CONTAINERS * LINES_EACH);
					Thread.sleep(SETTLE_SECONDS * 1_000L);
					long windowStart = System.currentTimeMillis();
					Cores followed = Cores.over(Duration.ofSeconds(WINDOW_SECONDS));
					long windowEnd = System.currentTimeMillis();
					String what = CONTAINERS + " " + kind.description + ", " + how + " (from " + SETTLE_SECONDS + " to "
							+ (SETTLE_SECONDS + WINDOW_SECONDS) + " s after every line was shipped)";
					// the engine idles at 0 cores within /proc's 10 ms ticks, so its baseline is a figure of its own
					List<Metric> figures = new ArrayList<>(List.of(
							Metric.of("collector threads' CPU, " + what, followed.collectorThreads(), "cores"),
							Metric.of("this JVM's CPU (collector + in-JVM broker), " + what, followed.wholeJvm(), "cores"),
							Metric.of("this JVM's CPU without a collector, same containers and run", nobodyFollows.wholeJvm(),
									"cores"),
							Metric.of("engine (dockerd) CPU, " + what, followed.dockerd(), "cores"),
							Metric.of("engine (dockerd) CPU with no collector, same containers and run",
									nobodyFollows.dockerd(), "cores")));
					if (kind == Containers.RUNNING_QUIET) {
						// the work those cores paid for: a cost of stats that never came would be no cost at all
						long expected = WINDOW_SECONDS / Duration.parse("PT" + kind.statsInterval).toSeconds();
						figures.add(Metric.of("container metrics published per container in the same window (one every "
								+ kind.statsInterval + ": " + expected + ")",
								metricsPublished(reader, prefix, windowStart, windowEnd) / (double) CONTAINERS, "records"));
					}
					return figures;
				}
				finally {
					collector.close();
				}
			}
		}
		finally {
			started.forEach(DemoContainer::close);
		}
	}

	private static void awaitEveryLine(KafkaConsumer<String, byte[]> reader, String prefix, long total) {
		CollectorThroughputBenchmark.readFromStart(reader, Topics.LOGS_RAW.name());
		long seen = 0;
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (seen < total) {
			for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(100))) {
				if (record.key() != null && record.key().startsWith(prefix)) {
					seen += CollectorThroughputBenchmark.linesIn(record);
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("only " + seen + " of " + total + " lines arrived");
			}
		}
	}

	/** How many container metrics of the prefix's environments the collector published between two times. */
	private static long metricsPublished(KafkaConsumer<String, byte[]> reader, String prefix, long from, long to) {
		List<TopicPartition> partitions = CollectorThroughputBenchmark.readFromStart(reader, Topics.METRICS.name());
		Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
		long published = 0;
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		while (partitions.stream().anyMatch((partition) -> reader.position(partition) < ends.get(partition))) {
			for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(100))) {
				ContainerMetrics metrics = Topics.METRICS.valueSerde()
					.deserializer()
					.deserialize(record.topic(), record.value());
				if (metrics.getEnvId().startsWith(prefix) && metrics.getTimestampMillis() >= from
						&& metrics.getTimestampMillis() < to) {
					published++;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the metrics topic was not read to its end within a minute");
			}
		}
		return published;
	}

	/** Cores each side spent over a wall-clock window. */
	private record Cores(double collectorThreads, double wholeJvm, double dockerd) {

		static Cores over(Duration window) throws Exception {
			long threads = CpuClocks.collectorThreads();
			long jvm = CpuClocks.wholeJvm();
			long engine = CpuClocks.dockerd();
			long start = System.nanoTime();
			Thread.sleep(window.toMillis());
			double nanos = System.nanoTime() - start;
			return new Cores((CpuClocks.collectorThreads() - threads) / nanos, (CpuClocks.wholeJvm() - jvm) / nanos,
					(CpuClocks.dockerd() - engine) / nanos);
		}

	}

}
