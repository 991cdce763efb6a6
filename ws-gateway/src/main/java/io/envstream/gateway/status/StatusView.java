package io.envstream.gateway.status;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.serde.RecordDecodingException;
import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This gateway's materialized view of the environments' state: one consumer thread, no consumer
 * group, {@code read_committed}, assigned every partition of the compacted envstream.status (read
 * from the beginning) and of envstream.metrics (from the end: samples are live data, the latest
 * one per environment is kept for new subscribers). Every replica keeps its own view; Kafka
 * reaches them all, so nothing else (no cache server, no database) is needed. Topics that do not
 * exist yet, and partitions added later, are picked up on the next assignment check.
 */
@Component
public class StatusView implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(StatusView.class);

	private static final Duration ASSIGNMENT_CHECK = Duration.ofSeconds(30);

	private static final Duration ASSIGNMENT_RETRY = Duration.ofSeconds(2);

	private final KafkaProperties kafka;

	private final StatusMetrics metrics;

	private final LatestStatuses latest = new LatestStatuses();

	private final Set<TopicPartition> assigned = new HashSet<>();

	/** End offsets of the status partitions at their assignment; empty once read up to them. */
	private final Map<TopicPartition, Long> loading = new HashMap<>();

	private volatile boolean running;

	private Thread thread;

	private KafkaConsumer<String, byte[]> consumer;

	StatusView(KafkaProperties kafka, StatusMetrics metrics) {
		this.kafka = kafka;
		this.metrics = metrics;
		metrics.viewSize(this.latest::size);
	}

	/** The environment's latest state, or {@code null} if it has none (yet). */
	public EnvironmentStatus status(String environmentId) {
		return this.latest.status(environmentId);
	}

	void subscribe(String environmentId, StatusListener listener) {
		this.latest.subscribe(environmentId, listener);
	}

	void resend(String environmentId, StatusListener listener) {
		this.latest.resend(environmentId, listener);
	}

	void unsubscribe(String environmentId, StatusListener listener) {
		this.latest.unsubscribe(environmentId, listener);
	}

	private void run() {
		this.consumer = new KafkaConsumer<>(consumerConfig());
		long nextCheck = 0;
		try {
			while (this.running) {
				try {
					if (System.nanoTime() - nextCheck >= 0) {
						boolean complete = assign();
						nextCheck = System.nanoTime() + (complete ? ASSIGNMENT_CHECK : ASSIGNMENT_RETRY).toNanos();
					}
					if (this.assigned.isEmpty()) {
						// no topic yet: nothing to wait for
						this.latest.loaded();
						sleep(ASSIGNMENT_RETRY.toMillis());
						continue;
					}
					for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
						apply(record);
					}
					checkLoaded();
					reportLag();
				}
				catch (WakeupException | InterruptException ex) {
					return;
				}
				catch (RuntimeException ex) {
					// the view must outlive any failure (broker outage); it resumes where it stopped
					logger.warn("status view iteration failed, continuing: {}", ex.toString());
					sleep(1000);
				}
			}
		}
		finally {
			this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
		}
	}

	/** Assigns the partitions of both topics that exist; @return whether both topics were found */
	private boolean assign() {
		Set<TopicPartition> status = partitions(Topics.STATUS);
		Set<TopicPartition> samples = partitions(Topics.METRICS);
		Set<TopicPartition> wanted = new HashSet<>(status);
		wanted.addAll(samples);
		if (!this.assigned.containsAll(wanted)) {
			Set<TopicPartition> added = new HashSet<>(wanted);
			added.removeAll(this.assigned);
			this.assigned.addAll(wanted);
			this.consumer.assign(this.assigned);
			Set<TopicPartition> addedStatus = new HashSet<>(added);
			addedStatus.retainAll(status);
			Set<TopicPartition> addedSamples = new HashSet<>(added);
			addedSamples.retainAll(samples);
			this.consumer.seekToBeginning(addedStatus);
			this.consumer.seekToEnd(addedSamples);
			if (!this.latest.isLoaded()) {
				this.loading.putAll(this.consumer.endOffsets(addedStatus));
			}
			logger.info("status view reads {} partition(s) of {} and {} of {}", status.size(), Topics.STATUS.name(),
					samples.size(), Topics.METRICS.name());
		}
		return !status.isEmpty() && !samples.isEmpty();
	}

	private Set<TopicPartition> partitions(TopicDefinition<?, ?> topic) {
		List<PartitionInfo> infos = this.consumer.partitionsFor(topic.name());
		Set<TopicPartition> partitions = new HashSet<>();
		if (infos != null) {
			infos.forEach((info) -> partitions.add(new TopicPartition(info.topic(), info.partition())));
		}
		return partitions;
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		if (record.key() == null) {
			this.metrics.undecodable();
			logger.warn("skipping a record without key at {}-{}@{}", record.topic(), record.partition(), record.offset());
			return;
		}
		try {
			if (record.topic().equals(Topics.STATUS.name())) {
				EnvironmentStatus status = Topics.STATUS.valueSerde().deserializer().deserialize(record.topic(),
						record.value());
				this.latest.status(record.key(), status);
			}
			else if (record.value() != null) {
				this.latest.metrics(record.key(),
						Topics.METRICS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
			}
		}
		catch (RecordDecodingException ex) {
			this.metrics.undecodable();
			logger.warn("skipping an undecodable record at {}-{}@{}: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
		}
	}

	private void checkLoaded() {
		if (this.latest.isLoaded()) {
			return;
		}
		this.loading.entrySet().removeIf((end) -> this.consumer.position(end.getKey()) >= end.getValue());
		if (this.loading.isEmpty()) {
			this.latest.loaded();
			logger.info("status view loaded: {} environment(s)", this.latest.size());
		}
	}

	private void reportLag() {
		for (TopicPartition partition : this.assigned) {
			OptionalLong lag = this.consumer.currentLag(partition);
			if (lag.isPresent()) {
				this.metrics.viewLag(partition, lag.getAsLong());
			}
		}
	}

	private Map<String, Object> consumerConfig() {
		Map<String, Object> config = new HashMap<>(this.kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "envstream-gateway-status-" + UUID.randomUUID());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		// asking for the partitions of a missing topic must not create it (uncompacted)
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		return config;
	}

	private void sleep(long millis) {
		synchronized (this) {
			try {
				if (this.running) {
					wait(millis);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.running = false;
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::run, "status-view");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		synchronized (this) {
			notifyAll();
		}
		KafkaConsumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// stops after the connections are closed and before the web server
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

}
