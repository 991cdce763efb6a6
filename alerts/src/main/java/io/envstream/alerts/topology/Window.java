package io.envstream.alerts.topology;

/**
 * The state of one (rule, environment) pair in a state store: the window (or breach) it is in, how many records
 * counted there, and whether the rule fired for it. Kept as text ({@code start:count:fired}) in the store, whose
 * changelog is written in the same transaction as the alerts: a restarted app neither forgets a count nor fires
 * the same window twice.
 */
record Window(long start, long count, boolean fired) {

	static Window parse(String value) {
		String[] parts = value.split(":");
		return new Window(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Boolean.parseBoolean(parts[2]));
	}

	/** The tumbling window of {@code sizeMillis} (aligned to the epoch) that holds {@code timestamp}. */
	static long startOf(long timestamp, long sizeMillis) {
		return timestamp - Math.floorMod(timestamp, sizeMillis);
	}

	Window counted() {
		return new Window(this.start, this.count + 1, this.fired);
	}

	Window firing() {
		return new Window(this.start, this.count, true);
	}

	String format() {
		return this.start + ":" + this.count + ":" + this.fired;
	}

}
