package io.envstream.processor.topology;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;

/**
 * Headers of a record in a dead-letter topic: why it could not be processed and where it was read. The record
 * keeps its key, value and original headers as read.
 */
public final class DeadLetterHeaders {

	/** Why the record could not be processed, e.g. the decoding error naming the topic and record type. */
	public static final String REASON = "envstream.dlt.reason";

	/** Topic the record was read from. */
	public static final String TOPIC = "envstream.dlt.topic";

	/** Partition it was read from, in decimal. */
	public static final String PARTITION = "envstream.dlt.partition";

	/** Offset it was read at, in decimal. */
	public static final String OFFSET = "envstream.dlt.offset";

	private DeadLetterHeaders() {
	}

	/** Adds the reason and the origin to {@code headers}; returns them. */
	public static Headers add(Headers headers, String reason, String topic, int partition, long offset) {
		return headers.add(REASON, utf8(reason))
			.add(TOPIC, utf8(topic))
			.add(PARTITION, utf8(Integer.toString(partition)))
			.add(OFFSET, utf8(Long.toString(offset)));
	}

	private static byte[] utf8(String value) {
		return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
	}

}
