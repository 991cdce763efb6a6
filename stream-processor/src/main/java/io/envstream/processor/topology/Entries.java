package io.envstream.processor.topology;

import java.util.HashMap;
import java.util.Map;

import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.LogEvent;

/** Turns a read line into the entry that leaves the processor. */
final class Entries {

	static final String REDACTED = "redacted";

	static final String TRUNCATED = "truncated";

	private Entries() {
	}

	/**
	 * The entry of {@code event} with its redacted message; its metadata names the redaction rules that fired,
	 * says whether the collector truncated the line, and carries the level and timestamp of a JSON line.
	 */
	static LogEntry of(LogEvent event, Redactor.Redacted redacted) {
		Map<String, String> metadata = new HashMap<>(4);
		if (!redacted.rules().isEmpty()) {
			metadata.put(REDACTED, String.join(",", redacted.rules()));
		}
		if (event.getTruncated()) {
			metadata.put(TRUNCATED, "true");
		}
		JsonFields.extract(redacted.message(), metadata);
		return new LogEntry(event.getStream(), event.getTimestampNanos(), event.getContainerId(), event.getHostId(),
				event.getSeq(), redacted.message(), metadata);
	}

}
