package io.envstream.processor.topology;

/** Why a record went to {@code envstream.logs.raw.dlt}; the {@code cause} tag of the dead-letter counter. */
public enum DeadLetterCause {

	/**
	 * Neither a {@code LogEventBatch} nor a {@code LogEvent}, a tombstone, a record without lines, or keyed by
	 * another environment than its own.
	 */
	UNDECODABLE("undecodable"),

	/** A line the filter, redaction or metadata steps failed on, alone in its dead letter. */
	UNPROCESSABLE("unprocessable"),

	/** Lines from another host than the one their environment id belongs to, or from a refused container. */
	CLAIM_REFUSED("claim-refused");

	private final String tag;

	DeadLetterCause(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
