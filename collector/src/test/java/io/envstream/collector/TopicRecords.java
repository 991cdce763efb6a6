package io.envstream.collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed to a topic ({@code read_committed}, from the start), decoded, keeping the
 * values that match; {@link #read()} polls what arrived since the last call. {@link #rawLines} reads
 * {@code envstream.logs.raw} line by line.
 */
final class TopicRecords<V> implements AutoCloseable {

	private final String topic;

	private final Function<byte[], List<V>> decoder;

	private final Predicate<V> filter;

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<V> values = new ArrayList<>();

	private int records;

	TopicRecords(TopicDefinition<String, V> topic, Predicate<V> filter) {
		this(KafkaFixture.shared(), topic, filter);
	}

	TopicRecords(KafkaFixture kafka, TopicDefinition<String, V> topic, Predicate<V> filter) {
		this(kafka.consumerProps("test-" + System.nanoTime()), topic, filter);
	}

	/** With the given consumer properties (bootstrap servers, credentials), read committed from the start. */
	TopicRecords(Map<String, Object> consumerProperties, TopicDefinition<String, V> topic, Predicate<V> filter) {
		this(consumerProperties, topic.name(),
				(bytes) -> List.of(topic.valueSerde().deserializer().deserialize(topic.name(), bytes)), filter);
	}

	private TopicRecords(Map<String, Object> consumerProperties, String topic, Function<byte[], List<V>> decoder,
			Predicate<V> filter) {
		this.topic = topic;
		this.decoder = decoder;
		this.filter = filter;
		Map<String, Object> properties = new HashMap<>(consumerProperties);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// it reads from the beginning, through every earlier test's lines in the shared broker: with the
		// default 500 records a poll, a partition holding many of those took longer than a test waits
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100_000);
		this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic, Duration.ofSeconds(30))
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
	}

	/**
	 * The lines of {@code envstream.logs.raw} that match, each as the single-line {@link LogEvent} it was before a
	 * record held several, so that tests speak of lines whatever record carried them.
	 */
	static TopicRecords<LogEvent> rawLines(Predicate<LogEvent> filter) {
		return rawLines(KafkaFixture.shared(), filter);
	}

	static TopicRecords<LogEvent> rawLines(KafkaFixture kafka, Predicate<LogEvent> filter) {
		return rawLines(kafka.consumerProps("test-" + System.nanoTime()), filter);
	}

	static TopicRecords<LogEvent> rawLines(Map<String, Object> consumerProperties, Predicate<LogEvent> filter) {
		return new TopicRecords<>(consumerProperties, Topics.LOGS_RAW.name(), TopicRecords::linesOf, filter);
	}

	private static List<LogEvent> linesOf(byte[] bytes) {
		LogEventBatch record = Topics.LOGS_RAW.valueSerde().deserializer().deserialize(Topics.LOGS_RAW.name(), bytes);
		List<LogEvent> lines = new ArrayList<>(record.getLines().size());
		for (RawLine line : record.getLines()) {
			lines.add(new LogEvent(record.getEnvId(), record.getHostId(), record.getContainerId(), line.getStream(),
					line.getTimestampNanos(), line.getSeq(), line.getMessage(), line.getTruncated()));
		}
		return lines;
	}

	/** Polls once more and returns every matching value so far, in partition order. */
	synchronized List<V> read() {
		for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
			if (record.value() == null) {
				continue;
			}
			List<V> matching = this.decoder.apply(record.value()).stream().filter(this.filter).toList();
			this.values.addAll(matching);
			this.records += matching.isEmpty() ? 0 : 1;
		}
		return List.copyOf(this.values);
	}

	/** How many records holding a matching value {@link #read()} has decoded so far. */
	synchronized int records() {
		return this.records;
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
