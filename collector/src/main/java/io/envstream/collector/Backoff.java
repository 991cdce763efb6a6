package io.envstream.collector;

import java.time.Duration;

/** Exponential back-off between retries: from {@code initial}, doubling up to {@code max}. */
public final class Backoff {

	private final Duration initial;

	private final Duration max;

	private Duration next;

	public Backoff(Duration initial, Duration max) {
		this.initial = initial;
		this.max = max;
		this.next = initial;
	}

	/** The pause before the next attempt; each call doubles the following one. */
	public Duration next() {
		Duration current = this.next;
		Duration doubled = current.multipliedBy(2);
		this.next = (doubled.compareTo(this.max) > 0) ? this.max : doubled;
		return current;
	}

	/** After a success: the next pause is the initial one again. */
	public void reset() {
		this.next = this.initial;
	}

}
