package io.envstream.collector.terminal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.envstream.schemas.avro.TerminalSession;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one {@link TerminalSession} record per ended session on {@code envstream.terminal.sessions}.
 * Its own idempotent producer, apart from the transactional one of the logs: an audit record needs
 * no transaction, and keystrokes never pass through Kafka.
 */
final class TerminalAudit implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TerminalAudit.class);

	private final KafkaProducer<String, TerminalSession> producer;

	TerminalAudit(Map<String, Object> producerProperties) {
		Map<String, Object> config = new HashMap<>(producerProperties);
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "envstream-collector-terminal-audit");
		this.producer = new KafkaProducer<>(config, Topics.TERMINAL_SESSIONS.keySerde().serializer(),
				Topics.TERMINAL_SESSIONS.valueSerde().serializer());
	}

	/** The record of an ended session; a failed write is a WARN log line (the session is over either way). */
	void publish(SessionInfo info, String hostId, long bytesIn, long bytesOut, Integer exitCode, String endReason) {
		TerminalSession record = TerminalSession.newBuilder()
			.setSessionId(info.sessionId())
			.setUser(info.user())
			.setEnvId(info.environmentId())
			.setHostId(hostId)
			.setContainerId(info.containerId())
			.setCommand(info.command())
			.setStartedMillis(info.startedMillis())
			.setEndedMillis(System.currentTimeMillis())
			.setBytesIn(bytesIn)
			.setBytesOut(bytesOut)
			.setExitCode(exitCode)
			.setEndReason(endReason)
			.build();
		this.producer.send(new ProducerRecord<>(Topics.TERMINAL_SESSIONS.name(), record.getEnvId(), record),
				(metadata, ex) -> {
					if (ex != null) {
						logger.warn("Audit record of terminal session {} (user {}, environment {}) not written: {}",
								record.getSessionId(), record.getUser(), record.getEnvId(), ex.getMessage());
					}
				});
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

}
