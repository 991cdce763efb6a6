package io.envstream.e2e.bench.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.bench.Statistics;
import io.envstream.processor.topology.BatchLimits;
import io.envstream.processor.topology.LogTopology;
import io.envstream.processor.topology.LineRules;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Lines per second through the envstream topology on one stream thread, with exactly-once against a real broker,
 * from RUNNING until every line is readable (read_committed) in envstream.logs. Baseline, same run, same lines:
 * a pass-through topology (bytes in, bytes out, no decoding, no batching) under the same guarantee.
 */
class ProcessorTopologyBenchmark {

	private static final int LINES = 300_000;

	private static final int RUNS = 3;

	/**
	 * Lines per raw record: what a collector following a container that writes 500 lines/s (10k lines/s from 20
	 * containers) puts in a record with a transaction every 20 ms.
	 */
	private static final int LINES_PER_RECORD = 10;

	@Test
	void measureTopologyThroughput() throws Exception {
		KafkaFixture kafka = KafkaFixture.shared();
		kafka.admin()
			.createTopics(List.of(new NewTopic("bench.passthrough", TopicProvisioner.DEFAULT_PARTITIONS, (short) 1)))
			.all()
			.get();
		ReadyTopics.provisionEmpty(kafka);
		produce(kafka, "bench-" + UUID.randomUUID());

		LogTopology envstream = new LogTopology(new BatchLimits(100, Duration.ofMillis(100), 256 * 1024),
				LineRules.defaults(), new SimpleMeterRegistry());
		// the median of three runs each (a fresh application id reads the input again): one run alone swings a lot
		// on a shared two-core machine
		double[] topology = new double[RUNS];
		double[] passThrough = new double[RUNS];
		for (int run = 0; run < RUNS; run++) {
			topology[run] = linesPerSecond(kafka, envstream.build(), Topics.LOGS.name(),
					(value) -> Topics.LOGS.valueSerde().deserializer().deserialize(Topics.LOGS.name(), value)
						.getEntries()
						.size());
			passThrough[run] = linesPerSecond(kafka, passThrough(), "bench.passthrough",
					(value) -> Topics.LOGS_RAW.valueSerde().deserializer().deserialize(Topics.LOGS_RAW.name(), value)
						.getLines()
						.size());
		}

		BenchmarkResults.ofRepository().record("processor-topology", List.of(
				Metric.against("lines/s, one stream thread, exactly_once_v2 (300k lines, 20 environments, 10 lines a raw record; median of 3)",
						Statistics.median(topology), "lines/s", "pass-through topology, same guarantee and lines",
						Statistics.median(passThrough))));
	}

	private static Topology passThrough() {
		StreamsBuilder builder = new StreamsBuilder();
		builder.stream(Topics.LOGS_RAW.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
			.to("bench.passthrough", Produced.with(Serdes.String(), Serdes.ByteArray()));
		return builder.build();
	}

	private static void produce(KafkaFixture kafka, String prefix) {
		var config = kafka.producerProps();
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		try (KafkaProducer<String, LogEventBatch> producer = new KafkaProducer<>(config, new StringSerializer(),
				Topics.LOGS_RAW.valueSerde().serializer())) {
			Map<Long, List<RawLine>> filling = new HashMap<>();
			for (long line = 0; line < LINES; line++) {
				List<RawLine> lines = filling.computeIfAbsent(line % BenchLines.ENVIRONMENTS, (e) -> new ArrayList<>());
				lines.add(BenchLines.line(line));
				if (lines.size() == LINES_PER_RECORD || line + BenchLines.ENVIRONMENTS >= LINES) {
					LogEventBatch record = BenchLines.record(prefix, line, List.copyOf(lines));
					producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), record.getEnvId(), record));
					lines.clear();
				}
			}
		}
	}

	private static double linesPerSecond(KafkaFixture kafka, Topology topology, String output,
			ToIntFunction<byte[]> linesIn) throws Exception {
		Path state = Files.createTempDirectory("envstream-bench-");
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + UUID.randomUUID());
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
		// not processor.yaml's 1 s (a backlog's commit cadence there): a run lasts 2-3 s and is timed until its last line
		// is readable, i.e. committed, so a 1 s interval would add up to a second of waiting to it; the pass-through
		// baseline commits at the same interval
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
		config.put(StreamsConfig.POLL_MS_CONFIG, 20);
		config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
		config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
		try (KafkaStreams streams = new KafkaStreams(topology, config);
				KafkaConsumer<String, byte[]> consumer = committedReader(kafka)) {
			// from the current end: earlier runs wrote to the same topic
			List<TopicPartition> partitions = consumer.partitionsFor(output)
				.stream()
				.map((p) -> new TopicPartition(output, p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToEnd(partitions);
			partitions.forEach(consumer::position);
			streams.start();
			await().atMost(Duration.ofMinutes(1)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
			long started = System.nanoTime();
			long seen = 0;
			while (seen < LINES) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					seen += linesIn.applyAsInt(record.value());
				}
				if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(3)) {
					throw new IllegalStateException("only " + seen + " of " + LINES + " lines came out");
				}
			}
			return LINES / ((System.nanoTime() - started) / 1e9);
		}
	}

	private static KafkaConsumer<String, byte[]> committedReader(KafkaFixture kafka) {
		var config = new java.util.HashMap<>(kafka.consumerProps("bench-reader-" + UUID.randomUUID()));
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

}
