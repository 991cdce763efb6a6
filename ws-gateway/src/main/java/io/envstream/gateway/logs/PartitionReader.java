package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.envstream.schemas.cursor.Cursor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A subscription's own read of its environment's partition, strictly after the subscription's
 * position: a {@code gap} first when retention removed part of that, then the lines of the
 * environment's records. The catch-up and the replay readers both read Kafka through it.
 */
final class PartitionReader {

	/** Takes what was read; false stops the read. */
	interface Sink<T> {

		boolean offer(T item) throws InterruptedException;

	}

	private final KafkaConsumer<String, byte[]> consumer;

	private final TopicPartition partition;

	private final Subscription subscription;

	private final LinePipeline pipeline;

	PartitionReader(KafkaConsumer<String, byte[]> consumer, Subscription subscription, LinePipeline pipeline) {
		this.consumer = consumer;
		this.partition = KafkaClients.partition(subscription.partition);
		this.subscription = subscription;
		this.pipeline = pipeline;
	}

	/** Assigns the partition and asks for its first offset: the connection and metadata are ready for reading. */
	void connect() {
		this.consumer.assign(Set.of(this.partition));
		this.consumer.beginningOffsets(Set.of(this.partition));
	}

	/**
	 * Seeks to the first offset after the subscription's position, or to the partition's first offset
	 * after a {@code gap} (counted as a resume with a gap) when retention removed what lies between.
	 * @return false when the gap was not taken
	 */
	boolean start(LogsMetrics metrics, Sink<Frame> gaps) throws InterruptedException {
		this.consumer.assign(Set.of(this.partition));
		Cursor after = this.subscription.position();
		long next = Positions.seekOffset(after);
		long logStart = this.consumer.beginningOffsets(Set.of(this.partition)).get(this.partition);
		if (next < logStart) {
			if (after != null && !gaps.offer(retentionGap(metrics, after, logStart))) {
				return false;
			}
			next = logStart;
		}
		this.consumer.seek(this.partition, next);
		return true;
	}

	/** The {@code gap} from {@code after} to the partition's first offset {@code logStart}, counted as a resume with a gap. */
	static Frame retentionGap(LogsMetrics metrics, Cursor after, long logStart) {
		metrics.resume("gap");
		return Frame.control(FrameEncoder.gap(after, new Cursor(after.partition(), logStart, 0), "retention"));
	}

	/**
	 * Reads up to the partition's end as of now, handing on the environment's lines after the
	 * subscription's position, record by record.
	 * @return false when the sink refused lines or {@code current} turned false
	 */
	boolean readToEnd(Sink<List<LogLine>> lines, BooleanSupplier current) throws InterruptedException {
		long end = this.consumer.endOffsets(Set.of(this.partition)).get(this.partition);
		while (this.consumer.position(this.partition) < end) {
			for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
				if (this.subscription.environmentId.equals(record.key())
						&& !lines.offer(this.pipeline.lines(record, this.subscription.position()))) {
					return false;
				}
			}
			if (!current.getAsBoolean()) {
				return false;
			}
		}
		return true;
	}

	/** The next offset to read. */
	long position() {
		return this.consumer.position(this.partition);
	}

}
