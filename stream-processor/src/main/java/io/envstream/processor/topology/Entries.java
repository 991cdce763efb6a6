package io.envstream.processor.topology;

import java.util.HashMap;
import java.util.Map;

import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;

/** Turns a read line into the entry that leaves the processor. */
final class Entries {

	static final String REDACTED = "redacted";

	static final String TRUNCATED = "truncated";

	/** On a line longer than the scan limit: how many of its characters the redaction rules read. */
	static final String REDACTION_SCANNED = "redactionScanned";

	private Entries() {
	}

	/**
	 * The entry of {@code line} of {@code record} with its redacted message; its metadata names the redaction rules
	 * that fired, says whether the collector truncated the line or the rules read only its prefix, and carries the
	 * level and timestamp of a JSON line.
	 */
	static LogEntry of(LogEventBatch record, RawLine line, Redactor.Redacted redacted) {
		Map<String, String> metadata = new HashMap<>(4);
		if (!redacted.rules().isEmpty()) {
			metadata.put(REDACTED, String.join(",", redacted.rules()));
		}
		if (redacted.scannedChars() != Redactor.Redacted.WHOLE) {
			metadata.put(REDACTION_SCANNED, Integer.toString(redacted.scannedChars()));
		}
		if (line.getTruncated() || redacted.cut()) {
			metadata.put(TRUNCATED, "true");
		}
		JsonFields.extract(redacted.message(), metadata);
		return new LogEntry(line.getStream(), line.getTimestampNanos(), record.getContainerId(), record.getHostId(),
				line.getSeq(), redacted.message(), metadata);
	}

}
