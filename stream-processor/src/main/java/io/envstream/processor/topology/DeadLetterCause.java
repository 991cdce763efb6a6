package io.envstream.processor.topology;

/** Why a record went to {@code envstream.logs.raw.dlt}; the {@code cause} tag of the dead-letter counter. */
public enum DeadLetterCause {

	/** Not a {@code LogEvent}, a tombstone, or keyed by another environment than its own. */
	UNDECODABLE("undecodable"),

	/** A line the filter, redaction or metadata steps failed on. */
	UNPROCESSABLE("unprocessable"),

	/** A line from another host than the one its environment id belongs to, or from a refused container. */
	CLAIM_REFUSED("claim-refused");

	private final String tag;

	DeadLetterCause(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
