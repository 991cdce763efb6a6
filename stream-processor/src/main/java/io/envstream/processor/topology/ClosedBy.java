package io.envstream.processor.topology;

/** What closed a batch. */
enum ClosedBy {

	/** It reached the line limit. */
	LINES,

	/** Its messages reached the byte limit. */
	BYTES,

	/** The window it opened in ended ({@link BatchLimits#windowEnd}). */
	TIME,

	/** Caught up, its lines left with the record that brought them. */
	RECORD;

	String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
