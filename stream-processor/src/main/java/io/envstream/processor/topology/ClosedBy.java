package io.envstream.processor.topology;

/** What closed a batch. */
enum ClosedBy {

	/** It reached the line limit. */
	LINES,

	/** Its messages reached the byte limit. */
	BYTES,

	/** Its first line waited the whole window. */
	TIME,

	/** Its only line arrived on an idle environment and left at once. */
	IDLE;

	String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
