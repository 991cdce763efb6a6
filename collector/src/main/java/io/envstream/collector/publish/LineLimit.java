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
 * The longest line whose record {@code envstream.logs.raw} accepts. A record the broker refuses
 * ({@code max.message.bytes}, 1 MiB + 12 bytes by default) fails its whole transaction, every time it is retried:
 * one such line would stop every container of the host for good. So lines are cut to fit the topic, leaving room
 * for the record's envelope (ids, timestamps, the truncation marker, Kafka's batch and record headers).
 */
public final class LineLimit {

	/** Bytes of a record besides its message: far more than ids, timestamps and headers take. */
	static final int ENVELOPE_RESERVE = 16 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(LineLimit.class);

	private LineLimit() {
	}

	/** The longest line to ship whole: {@code configured}, or less if the topic's records cannot hold it. */
	public static int of(Admin admin, int configured) {
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
			return configured;
		}
		int limit = within(configured, Integer.parseInt(entry.value()));
		if (limit < configured) {
			logger.warn("{} takes records of at most {} bytes ({}): lines are cut at {} bytes, not at max-line-bytes {}; "
					+ "raise the topic's {} (and its consumers' limits) to ship longer lines whole",
					Topics.LOGS_RAW.name(), entry.value(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG, limit, configured,
					TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
		}
		return limit;
	}

	/** {@code configured}, or what a record of {@code maxMessageBytes} leaves for the line if that is less. */
	static int within(int configured, int maxMessageBytes) {
		int room = maxMessageBytes - ENVELOPE_RESERVE;
		if (room <= 0) {
			throw new IllegalStateException(Topics.LOGS_RAW.name() + " takes records of at most " + maxMessageBytes
					+ " bytes (" + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + "), too few for a log line and its envelope ("
					+ ENVELOPE_RESERVE + " bytes)");
		}
		return Math.min(configured, room);
	}

}
