package io.envstream.processor.topology;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * What the processor's exactly-once commit adds after the batch window, and what it costs: the topology on one
 * stream thread against a real broker, fed at 1k lines/s the way the collector and the e2e generator do (100 lines
 * of one environment every 100 ms, one transaction each), read back with {@code read_committed}. Figures: a
 * batch's close (its record's timestamp) to it being readable, a line's send to it being readable, the stream
 * thread's commits per 1,000 lines and per idle second, and this JVM's CPU per line (broker, topology, writer
 * and reader together: compare runs with each other). {@code -Dbench.commit-interval-ms} sets
 * {@code commit.interval.ms} (default: processor.yaml's).
 */
class CommitWaitBenchmark {

	private static final int SECONDS = 20;

	private static final int LINES_PER_TICK = 100;

	private static final int IDLE_SECONDS = 5;

	@Test
	void measureCommitWait() throws Exception {
		long commitInterval = Long.getLong("bench.commit-interval-ms", 1000);
		KafkaFixture kafka = KafkaFixture.shared();
		kafka.provisionTopics(TopicProvisioner.DEFAULT_PARTITIONS);
		String environment = "commit-wait-" + UUID.randomUUID().toString().substring(0, 6);
		Path state = Files.createTempDirectory("envstream-bench-");
		Properties config = new Properties();
		String applicationId = "bench-" + UUID.randomUUID();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval);
		config.put(StreamsConfig.POLL_MS_CONFIG, 20);
		config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
		config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
		LogTopology topology = new LogTopology(new BatchLimits(100, Duration.ofMillis(100), 256 * 1024),
				LineRules.defaults(), new SimpleMeterRegistry());
		List<Long> closeToReadable = new ArrayList<>();
		List<Long> sendToReadable = new ArrayList<>();
		int lines = SECONDS * 1000;
		try (KafkaStreams streams = new KafkaStreams(topology.build(), config);
				KafkaConsumer<String, byte[]> reader = committedReader(kafka);
				KafkaProducer<String, byte[]> writer = transactionalWriter(kafka)) {
			List<TopicPartition> partitions = reader.partitionsFor(Topics.LOGS.name())
				.stream()
				.map((p) -> new TopicPartition(Topics.LOGS.name(), p.partition()))
				.toList();
			reader.assign(partitions);
			reader.seekToEnd(partitions);
			partitions.forEach(reader::position);
			writer.initTransactions();
			streams.start();
			await().atMost(Duration.ofMinutes(2)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
			// a first line, until it comes out: the task is assigned and reads from the end
			write(writer, environment, -1, 1);
			await().atMost(Duration.ofMinutes(2)).until(() -> !reader.poll(Duration.ofMillis(100)).isEmpty());
			// the first line's commits made (its own, and the one that carries its commit marker's offset), so
			// neither is counted
			await().atMost(Duration.ofSeconds(30)).until(() -> rawInputCommittedToItsEnd(kafka, applicationId));
			long cpuBefore = processCpuNanos();
			double commitsBefore = commits(streams);
			Thread generator = new Thread(() -> generate(writer, environment, lines), "commit-wait-generator");
			generator.start();
			int seen = 0;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS + 60);
			while (seen < lines && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(100))) {
					long now = System.currentTimeMillis();
					LogBatch batch = Topics.LOGS.valueSerde().deserializer().deserialize(Topics.LOGS.name(), record.value());
					closeToReadable.add(now - record.timestamp());
					for (LogEntry entry : batch.getEntries()) {
						sendToReadable.add(now - entry.getTimestampNanos() / 1_000_000);
						seen++;
					}
				}
			}
			generator.join();
			long cpu = processCpuNanos() - cpuBefore;
			double commits = commits(streams) - commitsBefore;
			if (seen < lines) {
				throw new IllegalStateException("only " + seen + " of " + lines + " lines came out");
			}
			double idleBefore = commits(streams);
			// idle on purpose for a fixed span: the figure is the stream thread's commits per second while no line
			// comes, so there is no condition to await
			Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
			double idleCommits = (commits(streams) - idleBefore) / IDLE_SECONDS;
			String at = " (commit.interval.ms " + commitInterval + ", 1k lines/s in bursts of 100, 1 environment)";
			BenchmarkResults.ofRepository().record("processor-commit-wait", List.of(
					Metric.of("mean, batch closed to readable (read_committed)" + at,
							mean(closeToReadable), "ms"),
					Metric.of("p99, same", percentile(closeToReadable, 0.99), "ms"),
					Metric.of("mean, line sent to readable, same",
							mean(sendToReadable), "ms"),
					Metric.of("p50, same", percentile(sendToReadable, 0.5), "ms"),
					Metric.of("p99, same", percentile(sendToReadable, 0.99), "ms"),
					Metric.of("stream thread commits per 1,000 lines, same",
							commits * 1000 / lines, "commits"),
					Metric.of("stream thread commits per second while idle",
							idleCommits, "commits/s"),
					Metric.of("CPU per line of this JVM (broker, topology, writer, reader)",
							cpu / 1000.0 / lines, "µs")),
					List.of(String.format(Locale.ROOT, "Load average %.1f at the end. One JVM holds the broker, the "
							+ "topology, the writer and the reader: compare runs of this benchmark with each other only.",
							ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())));
		}
	}

	/** 100 lines of one environment every 100 ms, each tick in one transaction, each line stamped with its tick. */
	private static void generate(KafkaProducer<String, byte[]> writer, String environment, int lines) {
		long start = System.currentTimeMillis();
		for (int tick = 0; tick * LINES_PER_TICK < lines; tick++) {
			long at = start + tick * 100L;
			long wait = at - System.currentTimeMillis();
			if (wait > 0) {
				// paced against the clock: a fixed rate is what the benchmark measures at, so this waits for time
				// itself, not for a condition
				try {
					Thread.sleep(wait);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			write(writer, environment, tick, LINES_PER_TICK);
		}
	}

	private static void write(KafkaProducer<String, byte[]> writer, String environment, long tick, int count) {
		long nanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
		// the lines of a tick in one record, as a collector ships what one container wrote between two commits
		List<RawLine> lines = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			lines.add(new RawLine(Stream.STDOUT, nanos, tick * LINES_PER_TICK + i,
					"tick " + tick + " line " + i + " " + "x".repeat(150), false));
		}
		LogEventBatch record = new LogEventBatch(environment, "host-1", "container-1", lines);
		writer.beginTransaction();
		writer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), environment,
				Topics.LOGS_RAW.valueSerde().serializer().serialize(Topics.LOGS_RAW.name(), record)));
		writer.commitTransaction();
	}

	/** Whether the topology's group has committed every raw partition it read up to the partition's end. */
	private static boolean rawInputCommittedToItsEnd(KafkaFixture kafka, String applicationId) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin()
			.listConsumerGroupOffsets(applicationId)
			.partitionsToOffsetAndMetadata()
			.get(5, TimeUnit.SECONDS);
		Map<TopicPartition, OffsetSpec> raw = new HashMap<>();
		committed.keySet()
			.stream()
			.filter((partition) -> partition.topic().equals(Topics.LOGS_RAW.name()))
			.forEach((partition) -> raw.put(partition, OffsetSpec.latest()));
		if (raw.isEmpty()) {
			return false;
		}
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = kafka.admin()
			.listOffsets(raw)
			.all()
			.get(5, TimeUnit.SECONDS);
		return raw.keySet().stream().allMatch((partition) -> committed.get(partition).offset() == ends.get(partition).offset());
	}

	private static double commits(KafkaStreams streams) {
		double total = 0;
		for (Map.Entry<MetricName, ? extends org.apache.kafka.common.Metric> metric : streams.metrics().entrySet()) {
			if (metric.getKey().name().equals("commit-total") && metric.getKey().group().equals("stream-thread-metrics")) {
				total += ((Number) metric.getValue().metricValue()).doubleValue();
			}
		}
		return total;
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static KafkaConsumer<String, byte[]> committedReader(KafkaFixture kafka) {
		Map<String, Object> config = new HashMap<>(kafka.consumerProps("bench-reader-" + UUID.randomUUID()));
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	private static KafkaProducer<String, byte[]> transactionalWriter(KafkaFixture kafka) {
		Map<String, Object> config = new HashMap<>(kafka.producerProps());
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-writer-" + UUID.randomUUID());
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		return new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer());
	}

	private static double mean(List<Long> values) {
		return values.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
	}

	private static double percentile(List<Long> values, double quantile) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) (quantile * sorted.size())));
	}

}
