package io.envstream.collector.publish;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much text a record of {@code envstream.logs.raw} may carry. A record the broker refuses
 * ({@code max.message.bytes}, 1 MiB + 12 bytes by default) fails its whole transaction, every time it is retried:
 * one such record would stop every container of the host for good. So lines are cut to fit the topic, and the lines
 * that share a record ({@link LineRecords}) stop short of it too, leaving room for the record's envelope (ids,
 * timestamps, the truncation marker, Kafka's batch and record headers).
 * @param maxLineBytes the longest line to ship whole: max-line-bytes, or less if the topic's records cannot hold it
 * @param maxRecordBytes the most that several lines sharing a record weigh together ({@link LineRecords#weight}); a
 * line heavier than that leaves alone
 */
public record LineLimit(int maxLineBytes, int maxRecordBytes) {

	/** Bytes of a record besides its messages: far more than ids, timestamps and headers take. */
	static final int ENVELOPE_RESERVE = 16 * 1024;

	/**
	 * The most that lines sharing a record weigh, however large the topic's records: a quarter of the broker's default
	 * record size, and the producer's {@code batch.size}, so that records stay far below what brokers and consumers
	 * take while a record still holds thousands of usual lines.
	 */
	static final int RECORD_BYTES = 256 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(LineLimit.class);

	/** What the topic's records can hold, with {@code configured} (max-line-bytes) as the longest line wanted. */
	public static LineLimit of(Admin admin, int configured) {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.LOGS_RAW.name());
		Config config;
		try {
			config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("cannot read the configuration of " + Topics.LOGS_RAW.name() + ": "
					+ ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading the configuration of " + Topics.LOGS_RAW.name(),
					ex);
		}
		ConfigEntry entry = (config != null) ? config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG) : null;
		if (entry == null || entry.value() == null) {
			return new LineLimit(configured, RECORD_BYTES);
		}
		LineLimit limit = within(configured, Integer.parseInt(entry.value()));
		if (limit.maxLineBytes() < configured) {
			logger.warn("{} takes records of at most {} bytes ({}): lines are cut at {} bytes, not at max-line-bytes {}; "
					+ "raise the topic's {} (and its consumers' limits) to ship longer lines whole",
					Topics.LOGS_RAW.name(), entry.value(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG, limit.maxLineBytes(),
					configured, TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
		}
		return limit;
	}

	/** The limits within records of {@code maxMessageBytes}: each at most what such a record leaves for its text. */
	static LineLimit within(int configured, int maxMessageBytes) {
		int room = maxMessageBytes - ENVELOPE_RESERVE;
		if (room <= 0) {
			throw new IllegalStateException(Topics.LOGS_RAW.name() + " takes records of at most " + maxMessageBytes
					+ " bytes (" + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + "), too few for a log line and its envelope ("
					+ ENVELOPE_RESERVE + " bytes)");
		}
		return new LineLimit(Math.min(configured, room), Math.min(RECORD_BYTES, room));
	}

}
