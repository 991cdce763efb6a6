package io.envstream.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.LogBatchRows;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plays the collector, the processor and the persister for gateway tests: registers environments
 * and grants in PostgreSQL, publishes their states, writes {@link LogBatch}es to envstream.logs in transactions as the
 * processor does, and stores written batches in {@code log_batches} as the persister does.
 */
public final class Environments implements AutoCloseable {

	/** A batch as written: where it landed and its lines. */
	public record Written(String environmentId, int partition, long offset, LogBatch batch) {
	}

	private final JdbcClient jdbc = JdbcClient.create(PostgresFixture.shared().dataSource());

	private final JdbcTemplate rows = new JdbcTemplate(PostgresFixture.shared().dataSource());

	private final KafkaFixture kafka;

	private final KafkaProducer<String, LogBatch> producer;

	private final Map<String, AtomicLong> seqs = new java.util.concurrent.ConcurrentHashMap<>();

	public Environments() {
		this(KafkaFixture.shared());
	}

	/** Writing to another cluster than the shared one. */
	public Environments(KafkaFixture kafka) {
		this.kafka = kafka;
		Map<String, Object> props = kafka.producerProps();
		props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
		props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "gateway-test-" + UUID.randomUUID());
		this.producer = new KafkaProducer<>(props, Topics.LOGS.keySerde().serializer(),
				Topics.LOGS.valueSerde().serializer());
		this.producer.initTransactions();
	}

	public static String newId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** An environment on host-1, the host {@link #status(String, Status)} publishes for. */
	public void create(String environmentId, String owner, String team) {
		create(environmentId, owner, team, "host-1");
	}

	/** An environment that belongs to {@code hostId}: only that host's states and samples show for it. */
	public void create(String environmentId, String owner, String team, String hostId) {
		this.jdbc.sql("INSERT INTO environments (environment_id, host_id, container_id, name, image, owner, team)"
				+ " VALUES (?, ?, 'c-1', ?, 'demo', ?, ?)")
			.params(environmentId, hostId, environmentId, owner, team)
			.update();
	}

	/** Sets the environment's labels (a JSON object), as its descriptor would. */
	public void labels(String environmentId, String json) {
		this.jdbc.sql("UPDATE environments SET labels = CAST(? AS jsonb) WHERE environment_id = ?")
			.params(json, environmentId)
			.update();
	}

	/** Publishes the environment's state to envstream.status, as the collector of host-1 does. */
	public void status(String environmentId, Status status) {
		status(environmentId, "host-1", status);
	}

	/** Publishes the environment's state to envstream.status, as the collector of {@code hostId} does. */
	public void status(String environmentId, String hostId, Status status) {
		EnvironmentStatus record = EnvironmentStatus.newBuilder()
			.setEnvId(environmentId)
			.setStatus(status)
			.setContainerId("c-1")
			.setHostId(hostId)
			.setTimestampMillis(System.currentTimeMillis())
			.build();
		try (KafkaProducer<String, EnvironmentStatus> statuses = new KafkaProducer<>(this.kafka.producerProps(),
				Topics.STATUS.keySerde().serializer(), Topics.STATUS.valueSerde().serializer())) {
			statuses.send(new ProducerRecord<>(Topics.STATUS.name(), environmentId, record)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An environment backed by a real container on a host whose terminal agent answers at {@code agentUrl}. */
	public void createWithAgent(String environmentId, String owner, String containerId, String hostId,
			String agentUrl) {
		this.jdbc.sql("INSERT INTO environments (environment_id, host_id, container_id, name, image, owner, agent_url)"
				+ " VALUES (?, ?, ?, ?, 'demo', ?, ?)")
			.params(environmentId, hostId, containerId, environmentId, owner, agentUrl)
			.update();
	}

	/** A grant that lets the principal read the environment (the column's default). */
	public void grant(String environmentId, String type, String principal) {
		grant(environmentId, type, principal, "read");
	}

	/** A grant with {@code permission} {@code read} or {@code exec}. */
	public void grant(String environmentId, String type, String principal, String permission) {
		this.jdbc.sql("INSERT INTO environment_acl (environment_id, principal_type, principal, permission)"
				+ " VALUES (?, ?, ?, ?)")
			.params(environmentId, type, principal, permission)
			.update();
	}

	/** Labels the environment with a team, as its descriptor's team label would. */
	public void team(String environmentId, String team) {
		this.jdbc.sql("UPDATE environments SET team = ? WHERE environment_id = ?").params(team, environmentId).update();
	}

	/** Writes one batch of lines {@code message-<seq>} with seqs 1, 2, ... per environment. */
	public Written write(String environmentId, Stream stream, int lines) {
		return write(environmentId, stream, lines, 0);
	}

	/** The last seq written to the environment. */
	public long lastSeq(String environmentId) {
		return this.seqs.computeIfAbsent(environmentId, (id) -> new AtomicLong()).get();
	}

	/** As {@link #write(String, Stream, int)}, each message padded to at least {@code size} characters. */
	public Written write(String environmentId, Stream stream, int lines, int size) {
		return write(environmentId, stream, (first) -> java.util.stream.LongStream.range(first, first + lines).mapToObj((seq) -> {
			String message = "message-" + seq;
			return (message.length() >= size) ? message : message + " " + "x".repeat(size - message.length());
		}).toList());
	}

	/** Writes one batch of the given messages, with the environment's next seqs. */
	public Written write(String environmentId, Stream stream, List<String> messages) {
		return write(environmentId, stream, (first) -> messages);
	}

	/** Writes one batch of {@code lines} lines that the container wrote at {@code at}, as a recorded burst. */
	public Written writeAt(String environmentId, Stream stream, int lines, Instant at) {
		return write(environmentId, stream,
				(first) -> java.util.stream.LongStream.range(first, first + lines).mapToObj((seq) -> "message-" + seq).toList(),
				at);
	}

	private Written write(String environmentId, Stream stream, java.util.function.LongFunction<List<String>> messagesFrom) {
		return write(environmentId, stream, messagesFrom, null);
	}

	/**
	 * @param messagesFrom the batch's messages, given the seq of its first line
	 * @param at the container time of every line, or {@code null} for now (each line a few ns apart by seq)
	 */
	private synchronized Written write(String environmentId, Stream stream,
			java.util.function.LongFunction<List<String>> messagesFrom, Instant at) {
		List<LogEntry> entries = new java.util.ArrayList<>();
		AtomicLong seq = this.seqs.computeIfAbsent(environmentId, (id) -> new AtomicLong());
		long first = seq.get() + 1;
		List<String> messages = messagesFrom.apply(first);
		for (int i = 0; i < messages.size(); i++) {
			long n = first + i;
			long nanos = (at != null) ? at.getEpochSecond() * 1_000_000_000L + at.getNano()
					: System.currentTimeMillis() * 1_000_000L + (n % 1_000_000);
			entries.add(LogEntry.newBuilder()
				.setStream(stream)
				.setTimestampNanos(nanos)
				.setContainerId("c-1")
				.setHostId("host-1")
				.setSeq(n)
				.setMessage(messages.get(i))
				.setMetadata(Map.of())
				.build());
		}
		seq.addAndGet(messages.size());
		LogBatch batch = LogBatch.newBuilder()
			.setEnvId(environmentId)
			.setEntries(entries)
			.setSourcePartition(0)
			.setSourceFirstOffset(0)
			.setSourceLastOffset(0)
			.build();
		this.producer.beginTransaction();
		try {
			RecordMetadata metadata = this.producer.send(new ProducerRecord<>(Topics.LOGS.name(), environmentId, batch))
				.get();
			this.producer.commitTransaction();
			return new Written(environmentId, metadata.partition(), metadata.offset(), batch);
		}
		catch (Exception ex) {
			this.producer.abortTransaction();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until read_committed readers can see the batch: the transaction markers that move the
	 * last stable offset are written after {@code commitTransaction} returns.
	 */
	public void awaitVisible(Written written) {
		org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(Topics.LOGS.name(),
				written.partition());
		org.awaitility.Awaitility.await().until(() -> KafkaFixture.shared()
			.admin()
			.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()),
					new org.apache.kafka.clients.admin.ListOffsetsOptions(org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
			.partitionResult(tp)
			.get()
			.offset() > written.offset());
	}

	/** Stores a written batch in log_batches, as the persister would. */
	public void persist(Written written) {
		this.rows.update(LogBatchRows.INSERT, LogBatchRows.parameters(written.environmentId(), written.partition(),
				written.offset(), written.batch().getEntries()));
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
