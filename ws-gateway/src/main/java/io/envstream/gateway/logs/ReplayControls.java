package io.envstream.gateway.logs;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One replaying connection's pace and bounds, shared by the endpoint (which applies the client's
 * {@code speed}, {@code seek}, {@code pause} and {@code resume}) and the subscription's replay
 * reader (which asks when each line is due and waits). Every change wakes a waiting reader, so a
 * new speed applies at once, not after the gap it was waiting out. Only the current reader moves the
 * pacer: a reader retired by a seek may still ask once before it notices, and must not anchor the
 * replay clock on a line of the old position.
 */
final class ReplayControls {

	private final ReplayPacer pacer;

	/** Nanoseconds since the epoch of {@code until}, or {@link Long#MAX_VALUE} to join live. */
	private final long untilNanos;

	private boolean joinedLive;

	/** The generation of the reader that paces the replay. */
	private long reader;

	ReplayControls(ReplayRequest request, LongSupplier nanoClock) {
		this.pacer = new ReplayPacer(nanoClock, request.speed());
		this.untilNanos = (request.until() == null) ? Long.MAX_VALUE
				: request.until().getEpochSecond() * 1_000_000_000L + request.until().getNano();
	}

	/** Whether the replay ends at {@code until} (closing with 1000) rather than joining live. */
	boolean hasEnd() {
		return this.untilNanos != Long.MAX_VALUE;
	}

	/** Whether a line with this original time lies at or after {@code until}: the replay ends before it. */
	boolean endsBefore(long lineNanos) {
		return lineNanos >= this.untilNanos;
	}

	/** Whether {@code until} has passed on the wall clock: no line before it can still come. */
	boolean endPassed(long epochNanos) {
		return epochNanos >= this.untilNanos;
	}

	/** The reader of {@code generation} paces the replay from now on. */
	synchronized void readBy(long generation) {
		this.reader = generation;
	}

	/** How long the reader of {@code generation} waits for the line; 0 for a retired reader (its offers fail). */
	synchronized long waitNanos(long generation, long lineNanos) {
		return (generation == this.reader) ? this.pacer.waitNanos(lineNanos) : 0;
	}

	synchronized long originalNanos() {
		return this.pacer.originalNanos();
	}

	synchronized ReplaySpeed speed() {
		return this.pacer.speed();
	}

	synchronized void speed(ReplaySpeed speed) {
		this.pacer.speed(speed);
		notifyAll();
	}

	synchronized void pause() {
		this.pacer.pause();
		notifyAll();
	}

	synchronized void resume() {
		this.pacer.resume();
	}

	/**
	 * The replay moves: paced again from its next line, even if it had joined live.
	 * @param generation the reader that reads from the new position, or -1 while paused
	 */
	synchronized void seek(long generation) {
		this.pacer.seek();
		this.reader = generation;
		this.joinedLive = false;
		notifyAll();
	}

	/** The replay reached the end of what is stored and handed over to the live stream. */
	synchronized void joinedLive() {
		this.joinedLive = true;
	}

	synchronized boolean hasJoinedLive() {
		return this.joinedLive;
	}

	/** Waits up to {@code nanos}, or less when a control changes. */
	synchronized void await(long nanos) throws InterruptedException {
		TimeUnit.NANOSECONDS.timedWait(this, nanos);
	}

}
