package io.envstream.processor.topology;

import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;

/** Turns a read line into the entry that leaves the processor: redacted, or {@code null} when a rule drops it. */
final class LineCleaner {

	private final LineFilter filter;

	private final Redactor redactor;

	private final PrivateKeyBlocks privateKeyBlocks;

	private final ScanLimit limit;

	private final TopologyMetrics metrics;

	/**
	 * @param privateKeyBlocks hides multi-line private keys; {@code null} when that rule is off
	 */
	LineCleaner(LineFilter filter, Redactor redactor, PrivateKeyBlocks privateKeyBlocks, ScanLimit limit,
			TopologyMetrics metrics) {
		this.filter = filter;
		this.redactor = redactor;
		this.privateKeyBlocks = privateKeyBlocks;
		this.limit = limit;
		this.metrics = metrics;
	}

	/** Cleans {@code line} of {@code record}, whose environment and container it comes from. */
	LogEntry clean(LogEventBatch record, RawLine line) {
		Redactor.Redacted redacted = this.redactor.redact(line.getMessage());
		if (this.privateKeyBlocks != null) {
			// before filtering, so that a dropped line cannot make the tracker miss where a key starts or ends
			redacted = this.privateKeyBlocks.redact(record.getContainerId() + "/" + line.getStream(), redacted);
		}
		DropRule drop = this.filter.match(record.getEnvId(), this.limit.prefix(line.getMessage()));
		if (drop != null) {
			this.metrics.dropped(drop);
			return null;
		}
		LogEntry entry = Entries.of(record, line, redacted);
		redacted.rules().forEach(this.metrics::redacted);
		if (redacted.scannedChars() != Redactor.Redacted.WHOLE) {
			this.metrics.partlyScanned();
		}
		return entry;
	}

}
