package io.envstream.e2e.hardening;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.envstream.processor.topology.DeadLetterHeaders;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The topology's dead letters ({@code envstream.logs.raw.dlt}) committed so far, read from the broker's start. */
final class DeadLetters {

	/** One dead letter: the raw record's value as read, and the reason header (null when missing). */
	record Letter(byte[] value, String reason) {

		boolean contains(String ascii) {
			return new String(this.value, StandardCharsets.ISO_8859_1).contains(ascii);
		}

	}

	private DeadLetters() {
	}

	static List<Letter> read(String bootstrapServers) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(30)).get(Topics.LOGS_RAW_DLT.name());
			List<Letter> letters = new ArrayList<>();
			if (infos == null) {
				return letters;
			}
			List<TopicPartition> partitions = infos.stream().map((i) -> new TopicPartition(i.topic(), i.partition())).toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("reading " + Topics.LOGS_RAW_DLT.name() + " took over 60 s");
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					Header reason = record.headers().lastHeader(DeadLetterHeaders.REASON);
					letters.add(new Letter((record.value() != null) ? record.value() : new byte[0],
							(reason != null) ? new String(reason.value(), StandardCharsets.UTF_8) : null));
				}
			}
			return letters;
		}
	}

}
