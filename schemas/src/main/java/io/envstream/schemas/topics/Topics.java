package io.envstream.schemas.topics;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.TerminalSession;
import io.envstream.schemas.serde.AlertSerde;
import io.envstream.schemas.serde.CheckpointSerde;
import io.envstream.schemas.serde.ContainerMetricsSerde;
import io.envstream.schemas.serde.EnvironmentClaimSerde;
import io.envstream.schemas.serde.EnvironmentDescriptorSerde;
import io.envstream.schemas.serde.EnvironmentStatusSerde;
import io.envstream.schemas.serde.LogBatchSerde;
import io.envstream.schemas.serde.LogEventBatchSerde;
import io.envstream.schemas.serde.TerminalSessionSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;

/**
 * The envstream topics, defined once. Keys are the environment id (so one environment's records
 * are ordered in one partition), except the collector checkpoints, keyed by
 * {@link #checkpointKey(String, String)}.
 */
public final class Topics {

	/**
	 * Log lines as the collectors read them, many consecutive lines of one container per record; the serde also
	 * reads the single-line {@code LogEvent} records of older collectors ({@link LogEventBatchSerde}).
	 */
	public static final TopicDefinition<String, LogEventBatch> LOGS_RAW = new TopicDefinition<>(
			"envstream.logs.raw", Serdes.String(), new LogEventBatchSerde(), CleanupPolicy.DELETE);

	/** Filtered, redacted, batched log lines; the source of every log position (cursor). */
	public static final TopicDefinition<String, LogBatch> LOGS = new TopicDefinition<>("envstream.logs",
			Serdes.String(), new LogBatchSerde(), CleanupPolicy.DELETE);

	/** Latest lifecycle state per environment. */
	public static final TopicDefinition<String, EnvironmentStatus> STATUS = new TopicDefinition<>(
			"envstream.status", Serdes.String(), new EnvironmentStatusSerde(), CleanupPolicy.COMPACT);

	/** Resource usage samples. */
	public static final TopicDefinition<String, ContainerMetrics> METRICS = new TopicDefinition<>(
			"envstream.metrics", Serdes.String(), new ContainerMetricsSerde(), CleanupPolicy.DELETE);

	/** What each environment is and where it runs. */
	public static final TopicDefinition<String, EnvironmentDescriptor> ENVIRONMENTS = new TopicDefinition<>(
			"envstream.environments", Serdes.String(), new EnvironmentDescriptorSerde(), CleanupPolicy.COMPACT);

	/** How far each collector shipped each container's logs; keyed by {@code hostId/containerId}. */
	public static final TopicDefinition<String, Checkpoint> CHECKPOINTS = new TopicDefinition<>(
			"envstream.collector.checkpoints", Serdes.String(), new CheckpointSerde(), CleanupPolicy.COMPACT);

	/** One audit record per terminal session (who, where, when, bytes, exit code), by the agent that ran it. */
	public static final TopicDefinition<String, TerminalSession> TERMINAL_SESSIONS = new TopicDefinition<>(
			"envstream.terminal.sessions", Serdes.String(), new TerminalSessionSerde(), CleanupPolicy.DELETE);

	/**
	 * Environments an admin moved on purpose to another host (or owner): written by the gateway only, never by a
	 * collector, and read by the stream processor, which otherwise keeps the first claim of every id.
	 */
	public static final TopicDefinition<String, EnvironmentClaim> CLAIMS = new TopicDefinition<>(
			"envstream.environments.claims", Serdes.String(), new EnvironmentClaimSerde(), CleanupPolicy.COMPACT);

	/** Firings of the alert rules, written exactly-once by the alerts app from logs, status and metrics. */
	public static final TopicDefinition<String, Alert> ALERTS = new TopicDefinition<>("envstream.alerts",
			Serdes.String(), new AlertSerde(), CleanupPolicy.DELETE);

	/**
	 * Records of {@link #LOGS_RAW} the stream processor could not decode, as the bytes it read, with the
	 * reason in a header; nothing that cannot be processed is lost.
	 */
	public static final TopicDefinition<String, byte[]> LOGS_RAW_DLT = new TopicDefinition<>(
			"envstream.logs.raw.dlt", Serdes.String(), Serdes.ByteArray(), CleanupPolicy.DELETE);

	/** Records of {@link #LOGS} the persister could not decode, as read, with the reason in a header. */
	public static final TopicDefinition<String, byte[]> LOGS_DLT = new TopicDefinition<>("envstream.logs.dlt",
			Serdes.String(), Serdes.ByteArray(), CleanupPolicy.DELETE);

	/** Records of {@link #ENVIRONMENTS} the persister could not decode, as read, with the reason in a header. */
	public static final TopicDefinition<String, byte[]> ENVIRONMENTS_DLT = new TopicDefinition<>(
			"envstream.environments.dlt", Serdes.String(), Serdes.ByteArray(), CleanupPolicy.DELETE);

	/**
	 * Alerts of {@link #ALERTS} that a webhook still refused when the alerts app gave up retrying, as read, with
	 * the webhook and the reason in headers; an operator re-posts them from here.
	 */
	public static final TopicDefinition<String, byte[]> ALERTS_WEBHOOKS_DLT = new TopicDefinition<>(
			"envstream.alerts.webhooks.dlt", Serdes.String(), Serdes.ByteArray(), CleanupPolicy.DELETE);

	private static final List<TopicDefinition<?, ?>> ALL = List.of(LOGS_RAW, LOGS, STATUS, METRICS, ENVIRONMENTS,
			CHECKPOINTS, TERMINAL_SESSIONS, CLAIMS, ALERTS, LOGS_RAW_DLT, LOGS_DLT, ENVIRONMENTS_DLT,
			ALERTS_WEBHOOKS_DLT);

	private Topics() {
	}

	/** Every topic, in flow order, then the dead-letter topics. */
	public static List<TopicDefinition<?, ?>> all() {
		return ALL;
	}

	/**
	 * The key of a container's checkpoint: {@code hostId/containerId}.
	 * @throws IllegalArgumentException if either part is blank or the host id contains a
	 * {@code /} (the key would be ambiguous)
	 */
	public static String checkpointKey(String hostId, String containerId) {
		if (hostId == null || hostId.isBlank() || containerId == null || containerId.isBlank()) {
			throw new IllegalArgumentException("hostId and containerId must not be blank");
		}
		if (hostId.indexOf('/') >= 0) {
			throw new IllegalArgumentException("hostId must not contain '/': " + hostId);
		}
		return hostId + "/" + containerId;
	}

	/**
	 * The partition of {@link #CHECKPOINTS} every checkpoint of {@code hostId} is written to: where Kafka's default
	 * partitioner puts a record keyed by the host id. One partition per host rather than one per container's key: a
	 * collector transaction then adds one checkpoint partition to the transaction, not one per container, and the
	 * broker's work per transaction (partitions added and verified, commit markers written) grows with the partitions
	 * it touches. (Checkpoints written before went to their key's partition: {@link #partitionOfKey}.)
	 */
	public static int checkpointPartition(String hostId, int partitions) {
		return partitionOfKey(hostId, partitions);
	}

	/** Where Kafka's default partitioner puts a record with {@code key} (UTF-8, murmur2) among {@code partitions}. */
	public static int partitionOfKey(String key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

}
