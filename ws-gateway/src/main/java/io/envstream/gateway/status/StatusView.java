package io.envstream.gateway.status;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.envstream.gateway.kafka.ConsumerLoop;
import io.envstream.gateway.kafka.ConsumerPart;
import io.envstream.gateway.kafka.GatewayConsumers;
import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.serde.RecordDecodingException;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * This gateway's materialized view of the environments' state: one consumer thread, no consumer
 * group, {@code read_committed}, assigned every partition of the compacted envstream.status (read
 * from the beginning), of envstream.metrics (from {@link LatestStatuses#RECENT} ago, by time: the
 * samples since then are kept for new subscribers) and of envstream.alerts (from the end: alerts
 * are events, handed to the listeners of the moment and not kept). Every replica keeps its own view
 * (no cache server, no database). Missing topics and added partitions are picked up by the next check.
 */
@Component
public class StatusView implements ConsumerPart {

	private static final Logger logger = LoggerFactory.getLogger(StatusView.class);

	private static final Duration ASSIGNMENT_CHECK = Duration.ofSeconds(30);

	private static final Duration ASSIGNMENT_RETRY = Duration.ofSeconds(2);

	private final StatusMetrics metrics;

	private final LatestStatuses latest = new LatestStatuses();

	private final Set<TopicPartition> assigned = new HashSet<>();

	/** End offsets of the status partitions at their assignment; empty once read up to them. */
	private final Map<TopicPartition, Long> loading = new HashMap<>();

	private final ConsumerLoop loop;

	private KafkaConsumer<String, byte[]> consumer;

	private long nextAssignmentCheck;

	StatusView(KafkaProperties kafka, StatusMetrics metrics, GatewayExecutors executors) {
		this.metrics = metrics;
		this.loop = new ConsumerLoop("status-view", executors, () -> new KafkaConsumer<>(consumerConfig(kafka)),
				this::runOnce);
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

	/** One turn of the view's loop; after a failure (broker outage) the next resumes where it stopped. */
	private void runOnce(KafkaConsumer<String, byte[]> consumer) throws InterruptedException {
		this.consumer = consumer;
		if (System.nanoTime() - this.nextAssignmentCheck >= 0) {
			boolean complete = assign();
			this.nextAssignmentCheck = System.nanoTime() + (complete ? ASSIGNMENT_CHECK : ASSIGNMENT_RETRY).toNanos();
		}
		if (this.assigned.isEmpty()) {
			// no topic yet: nothing to wait for
			this.latest.loaded();
			this.loop.idle(ASSIGNMENT_RETRY.toMillis());
			return;
		}
		for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
			apply(record);
		}
		checkLoaded();
		GatewayConsumers.reportLag(this.consumer, this.metrics::viewLag);
	}

	/**
	 * Assigns the partitions of the topics that exist (envstream.alerts only where the alerts app runs).
	 * @return whether the status and metrics topics were found: else the next check comes sooner
	 */
	private boolean assign() {
		Set<TopicPartition> status = GatewayConsumers.partitions(this.consumer, Topics.STATUS.name());
		Set<TopicPartition> samples = GatewayConsumers.partitions(this.consumer, Topics.METRICS.name());
		Set<TopicPartition> alerts = GatewayConsumers.partitions(this.consumer, Topics.ALERTS.name());
		Set<TopicPartition> wanted = new HashSet<>(status);
		wanted.addAll(samples);
		wanted.addAll(alerts);
		if (!this.assigned.containsAll(wanted)) {
			Set<TopicPartition> added = new HashSet<>(wanted);
			added.removeAll(this.assigned);
			this.assigned.addAll(wanted);
			this.consumer.assign(this.assigned);
			Set<TopicPartition> addedStatus = new HashSet<>(added);
			addedStatus.retainAll(status);
			GatewayConsumers.seekToBeginning(this.consumer, addedStatus);
			GatewayConsumers.seekBack(this.consumer, added.stream().filter(samples::contains).toList(),
					LatestStatuses.RECENT);
			GatewayConsumers.seekToEnd(this.consumer, added.stream().filter(alerts::contains).toList());
			if (!this.latest.isLoaded()) {
				this.loading.putAll(this.consumer.endOffsets(addedStatus));
			}
			logger.info("status view reads {} partition(s) of {}, {} of {} and {} of {}", status.size(),
					Topics.STATUS.name(), samples.size(), Topics.METRICS.name(), alerts.size(), Topics.ALERTS.name());
		}
		return !status.isEmpty() && !samples.isEmpty();
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		if (record.key() == null) {
			this.metrics.undecodable();
			logger.warn("skipping a record without key at {}-{}@{}", record.topic(), record.partition(), record.offset());
			return;
		}
		try {
			if (record.topic().equals(Topics.STATUS.name())) {
				this.latest.status(record.key(),
						Topics.STATUS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
			}
			else if (record.topic().equals(Topics.ALERTS.name())) {
				alert(record);
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

	private void alert(ConsumerRecord<String, byte[]> record) {
		Alert alert = (record.value() != null)
				? Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value()) : null;
		if (alert == null || !StatusMessages.writable(alert)) {
			this.metrics.undecodable();
			logger.warn("skipping an alert without value or with a non-finite number at {}-{}@{}", record.topic(),
					record.partition(), record.offset());
			return;
		}
		this.latest.alert(record.key(), alert);
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

	private static Map<String, Object> consumerConfig(KafkaProperties kafka) {
		Map<String, Object> config = GatewayConsumers.config(kafka, "status");
		// asking for the partitions of a missing topic must not create it (uncompacted)
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		return config;
	}

	@Override
	public Stage stage() {
		return Stage.STATUS_VIEW;
	}

	@Override
	public ConsumerLoop loop() {
		return this.loop;
	}

}
