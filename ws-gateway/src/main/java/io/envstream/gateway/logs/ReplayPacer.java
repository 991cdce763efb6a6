package io.envstream.gateway.logs;

import java.util.function.LongSupplier;

/**
 * When each line of a replay is due, from its original (container) time: the first line after a
 * start or a seek is due at once and anchors the replay clock; every later line is due when the
 * replay clock, running at the speed's factor, reaches its time. A speed change or a pause keeps
 * the replay clock where it is, so neither skips nor repeats a stretch of the original time. Pure:
 * the wall clock is given, and nothing here waits. Not thread-safe: {@link ReplayControls} guards it.
 */
final class ReplayPacer {

	private final LongSupplier nanoClock;

	private ReplaySpeed speed;

	private boolean anchored;

	/** The wall time (of the clock) at which the replay clock read {@link #lineAnchor}. */
	private long wallAnchor;

	private long lineAnchor;

	private boolean paused;

	/** The replay clock when paused, or the original time of the last line due at {@code max}. */
	private long stoppedAt;

	/** @param nanoClock a monotonic clock in nanoseconds, such as {@link System#nanoTime} */
	ReplayPacer(LongSupplier nanoClock, ReplaySpeed speed) {
		this.nanoClock = nanoClock;
		this.speed = speed;
	}

	ReplaySpeed speed() {
		return this.speed;
	}

	/**
	 * How long to wait before the line with original time {@code lineNanos} is due: 0 when it is due
	 * now (the first line after a start or a seek always is), {@link Long#MAX_VALUE} while paused.
	 */
	long waitNanos(long lineNanos) {
		if (this.paused) {
			return Long.MAX_VALUE;
		}
		if (!this.anchored) {
			anchor(lineNanos);
		}
		if (this.speed.isMax()) {
			this.stoppedAt = Math.max(this.stoppedAt, lineNanos);
			return 0;
		}
		long due = this.wallAnchor + (long) ((lineNanos - this.lineAnchor) / this.speed.factor());
		return Math.max(0, due - this.nanoClock.getAsLong());
	}

	/** The replay clock: the original time the replay has reached (or, before the first line, 0). */
	long originalNanos() {
		if (!this.anchored || this.paused || this.speed.isMax()) {
			return this.stoppedAt;
		}
		return this.lineAnchor + (long) ((this.nanoClock.getAsLong() - this.wallAnchor) * this.speed.factor());
	}

	/** Goes on from the current replay clock at the new speed. */
	void speed(ReplaySpeed speed) {
		if (this.anchored && !this.paused) {
			anchor(originalNanos());
		}
		this.speed = speed;
	}

	/** Stops the replay clock until {@link #resume}. */
	void pause() {
		if (!this.paused) {
			this.stoppedAt = originalNanos();
			this.paused = true;
		}
	}

	/** Starts the replay clock again where it stopped, so the next line waits what it had left. */
	void resume() {
		if (this.paused) {
			this.paused = false;
			if (this.anchored) {
				anchor(this.stoppedAt);
			}
		}
	}

	/** The next line is due at once and anchors the replay clock anew. */
	void seek() {
		this.anchored = false;
		this.stoppedAt = 0;
	}

	private void anchor(long lineNanos) {
		this.anchored = true;
		this.wallAnchor = this.nanoClock.getAsLong();
		this.lineAnchor = lineNanos;
		this.stoppedAt = lineNanos;
	}

}
