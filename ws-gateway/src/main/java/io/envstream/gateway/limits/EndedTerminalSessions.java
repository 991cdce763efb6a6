package io.envstream.gateway.limits;

import io.envstream.schemas.avro.TerminalSession;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stops counting a detached terminal session as soon as it ends, whatever ended it (its shell
 * exited while detached, the grace passed, the agent stopped): the agent writes one audit record
 * per ended session on {@code envstream.terminal.sessions}. One consumer group for all replicas,
 * since one delete suffices; it starts at the end of the topic the first time (older sessions are
 * covered by their expiry), then where it left off.
 */
@Component
class EndedTerminalSessions {

	static final String LISTENER_ID = "envstream-gateway-terminal-session-ends";

	private static final Logger logger = LoggerFactory.getLogger(EndedTerminalSessions.class);

	private final DetachedTerminalSessions detached;

	EndedTerminalSessions(DetachedTerminalSessions detached) {
		this.detached = detached;
	}

	@KafkaListener(id = LISTENER_ID, groupId = LISTENER_ID,
			topics = "#{T(io.envstream.schemas.topics.Topics).TERMINAL_SESSIONS.name()}",
			properties = { "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
					"value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
					"auto.offset.reset=latest" })
	void ended(ConsumerRecord<String, byte[]> record) {
		TerminalSession session;
		try {
			session = Topics.TERMINAL_SESSIONS.valueSerde().deserializer().deserialize(record.topic(), record.value());
		}
		catch (RuntimeException ex) {
			logger.warn("skipped an unreadable terminal session record at {}-{}@{}: {}", record.topic(),
					record.partition(), record.offset(), ex.getMessage());
			return;
		}
		this.detached.forget(session.getSessionId(), session.getUser());
	}

}
