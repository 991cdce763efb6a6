package io.envstream.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A Kafka record value that is not a well-formed, known version of the expected Avro record.
 * The message names the topic, the record type and the reason, e.g.
 * {@code envstream.logs.raw: cannot decode LogEventBatch: unknown schema fingerprint 0x…}.
 */
public class RecordDecodingException extends SerializationException {

	private final String topic;

	private final String recordType;

	private final String reason;

	public RecordDecodingException(String topic, String recordType, String reason) {
		this(topic, recordType, reason, null);
	}

	public RecordDecodingException(String topic, String recordType, String reason, Throwable cause) {
		super(topic + ": cannot decode " + recordType + ": " + reason, cause);
		this.topic = topic;
		this.recordType = recordType;
		this.reason = reason;
	}

	public String topic() {
		return this.topic;
	}

	public String recordType() {
		return this.recordType;
	}

	public String reason() {
		return this.reason;
	}

}
