package io.envstream.collector.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.envstream.collector.CollectorMetrics;
import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one batch of buffered items becomes in Kafka: one transaction with the records (the lines of each container
 * packed into as few records as {@link LineRecords} allows) and, per container, the checkpoint of its last line in
 * the batch (or its deletion once the container is gone). Owns the transactional producer.
 */
final class TransactionWriter {

	private static final Logger logger = LoggerFactory.getLogger(TransactionWriter.class);

	private final Map<String, Object> producerProperties;

	private final String hostId;

	private final CollectorMetrics metrics;

	private final long maxRecordBytes;

	private final Map<String, Long> committedNanos = new ConcurrentHashMap<>();

	private volatile KafkaProducer<String, byte[]> producer;

	/** Partitions of the checkpoint topic, read at start. */
	private volatile int checkpointPartitions;

	/** Where every checkpoint of this host goes ({@link Topics#checkpointPartition}), from the partitions. */
	private volatile int hostPartition;

	private volatile boolean halted;

	/**
	 * @param maxRecordBytes what the lines sharing a record weigh at most ({@link LineLimit#maxRecordBytes()})
	 */
	TransactionWriter(Map<String, Object> producerProperties, String hostId, long maxRecordBytes,
			CollectorMetrics metrics) {
		this.producerProperties = new HashMap<>(producerProperties);
		this.producerProperties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, Publisher.transactionalId(hostId));
		this.producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		this.producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
		// longer than any transaction interval (at most 1 s): the lines go at the commit's flush, one produce request
		// per transaction rather than one per 5 ms, unless a partition's batch fills first. Nothing waits longer:
		// consumers read_committed see the lines at the commit either way
		this.producerProperties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1000);
		this.producerProperties.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		// a record holds at most one line of max-line-bytes, or lines of max-record-bytes, plus its envelope
		this.producerProperties.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
		this.hostId = hostId;
		this.maxRecordBytes = maxRecordBytes;
		this.metrics = metrics;
	}

	/**
	 * Initialises the producer, fencing a predecessor with the same transactional id; waits for a
	 * Kafka that does not answer in time (a broker still starting), failing only on what a retry cannot cure.
	 */
	void start() {
		untilAnswered("start", () -> this.producer = newProducer());
		untilAnswered("start", () -> this.checkpointPartitions = this.producer.partitionsFor(Topics.CHECKPOINTS.name())
			.size());
		this.hostPartition = Topics.checkpointPartition(this.hostId, this.checkpointPartitions);
	}

	/** Docker timestamp of the container's last committed line, in nanoseconds (0: none). */
	long committedNanos(String containerId) {
		return this.committedNanos.getOrDefault(containerId, 0L);
	}

	/** Writes the batch in one transaction and commits it. */
	void commit(List<Outgoing> batch) {
		KafkaProducer<String, byte[]> producer = this.producer;
		producer.beginTransaction();
		// each container's last line in the batch: its checkpoint is written with the lines
		Map<String, Outgoing.Line> lastLines = new LinkedHashMap<>();
		LineRecords lineRecords = new LineRecords(this.hostId, this.maxRecordBytes,
				(record) -> send(producer, Topics.LOGS_RAW, record.getEnvId(), record));
		long lines = 0;
		long bytes = 0;
		long truncated = 0;
		long oldestLineNanos = Long.MAX_VALUE;
		for (Outgoing item : batch) {
			if (item instanceof Outgoing.Line line) {
				oldestLineNanos = Math.min(oldestLineNanos, line.line().getTimestampNanos());
				lineRecords.add(line.envId(), line.containerId(), line.line());
				lastLines.put(line.containerId(), line);
				lines++;
				bytes += line.bytes();
				truncated += line.line().getTruncated() ? 1 : 0;
			}
			else if (item instanceof Outgoing.Status status) {
				send(producer, Topics.STATUS, status.status().getEnvId(), status.status());
			}
			else if (item instanceof Outgoing.Metrics metrics) {
				send(producer, Topics.METRICS, metrics.metrics().getEnvId(), metrics.metrics());
			}
			else if (item instanceof Outgoing.Descriptor descriptor) {
				send(producer, Topics.ENVIRONMENTS, descriptor.descriptor().getEnvId(), descriptor.descriptor());
			}
			else if (item instanceof Outgoing.ForgetCheckpoint forget) {
				// the container is gone with all its lines: its checkpoint is deleted, not updated
				lastLines.remove(forget.containerId());
				forgetCheckpoint(producer, forget.containerId());
			}
		}
		lineRecords.flush();
		Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
		lastLines.forEach((containerId, line) -> checkpoints.put(containerId, line.checkpoint(this.hostId)));
		checkpoints.forEach((containerId, checkpoint) -> sendCheckpoint(producer, containerId, checkpoint));
		long commitStarted = System.nanoTime();
		commitTransaction(producer);
		Duration commitTook = Duration.ofNanos(System.nanoTime() - commitStarted);
		checkpoints.forEach((containerId, checkpoint) -> this.committedNanos.put(containerId,
				checkpoint.getLastTimestampNanos()));
		batch.stream().filter(Outgoing.ForgetCheckpoint.class::isInstance)
			.forEach((forget) -> this.committedNanos.remove(((Outgoing.ForgetCheckpoint) forget).containerId()));
		Duration oldestLineLag = (lines > 0) ? Duration.between(Instant.EPOCH.plusNanos(oldestLineNanos), Instant.now())
				: Duration.ZERO;
		this.metrics.committed(lines, lineRecords.sent(), bytes, truncated, oldestLineLag, commitTook);
	}

	/**
	 * Commits, and commits again after a timeout until Kafka answers: a timed-out commit may have
	 * happened or not, so aborting it could lose the batch or resending it repeat it, and Kafka
	 * refuses any other call on the producer until the same commit is retried.
	 */
	private void commitTransaction(KafkaProducer<String, byte[]> producer) {
		untilAnswered("commit", producer::commitTransaction);
	}

	/**
	 * Makes {@code call} again after each timeout until Kafka answers or the writer halts; anything else is thrown.
	 * {@code what} names the call in the log and in the timeouts metric's tag.
	 */
	private void untilAnswered(String what, Runnable call) {
		while (true) {
			try {
				call.run();
				return;
			}
			catch (TimeoutException ex) {
				if (this.halted) {
					throw ex;
				}
				this.metrics.producerError();
				this.metrics.producerTimeout(what);
				logger.warn("The Kafka producer's {} timed out ({}); trying again", what, ex.getMessage());
			}
		}
	}

	private <V> void send(KafkaProducer<String, byte[]> producer, TopicDefinition<String, V> topic, String key,
			V value) {
		byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
		producer.send(new ProducerRecord<>(topic.name(), key, bytes));
	}

	/** Writes the container's checkpoint to the host's partition of the checkpoint topic. */
	private void sendCheckpoint(KafkaProducer<String, byte[]> producer, String containerId, Checkpoint checkpoint) {
		String key = Topics.checkpointKey(this.hostId, containerId);
		byte[] value = Topics.CHECKPOINTS.valueSerde().serializer().serialize(Topics.CHECKPOINTS.name(), checkpoint);
		producer.send(new ProducerRecord<>(Topics.CHECKPOINTS.name(), this.hostPartition, key, value));
	}

	/**
	 * Deletes the container's checkpoint: a tombstone on the host's partition, and on its key's partition too, where a
	 * collector that wrote each checkpoint to its key's partition left it (else, once compaction has dropped the
	 * newer tombstone, that older checkpoint would be read as the container's again).
	 */
	private void forgetCheckpoint(KafkaProducer<String, byte[]> producer, String containerId) {
		String key = Topics.checkpointKey(this.hostId, containerId);
		int keyPartition = Topics.partitionOfKey(key, this.checkpointPartitions);
		producer.send(new ProducerRecord<>(Topics.CHECKPOINTS.name(), this.hostPartition, key, null));
		if (keyPartition != this.hostPartition) {
			producer.send(new ProducerRecord<>(Topics.CHECKPOINTS.name(), keyPartition, key, null));
		}
	}

	/** After a failed transaction: aborts it, or starts a new producer when that fails too. */
	void reset() {
		try {
			this.producer.abortTransaction();
			return;
		}
		catch (KafkaException ex) {
			logger.info("Aborting failed too ({}); starting a new producer", ex.getMessage());
		}
		this.producer.close(Duration.ZERO);
		while (!this.halted) {
			try {
				this.producer = newProducer();
				return;
			}
			catch (KafkaException ex) {
				this.metrics.producerError();
				logger.warn("Kafka producer could not start ({}); retrying", ex.getMessage());
			}
		}
	}

	private KafkaProducer<String, byte[]> newProducer() {
		KafkaProducer<String, byte[]> created = new KafkaProducer<>(this.producerProperties, new StringSerializer(),
				new ByteArraySerializer());
		try {
			created.initTransactions();
		}
		catch (RuntimeException ex) {
			created.close(Duration.ZERO);
			throw ex;
		}
		return created;
	}

	void close(Duration timeout) {
		KafkaProducer<String, byte[]> current = this.producer;
		if (current != null) {
			current.close(timeout);
		}
	}

	/** Closes at once without committing: the open transaction stays open until fenced. */
	void halt() {
		this.halted = true;
		close(Duration.ZERO);
	}

}
