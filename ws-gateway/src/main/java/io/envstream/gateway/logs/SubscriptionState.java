package io.envstream.gateway.logs;

import io.envstream.gateway.logs.Subscription.Mode;

/**
 * Which source feeds a subscription, as an explicit state machine. Its own catch-up reader feeds it
 * while {@code CATCHING_UP}: first the history (from PostgreSQL), then Kafka up to the live
 * fan-out's position, where the reader hands it over ({@link #goLive}). The shared live fan-out
 * feeds it while {@code LIVE}, until the client is too slow ({@link #overflow}) and a new reader
 * takes over after the last line sent. A pause stops every source; a resume starts a new reader.
 *
 * <pre>
 * CATCHING_UP (history, then Kafka) --goLive--&gt; LIVE --overflow (slow)--&gt; CATCHING_UP
 * any open --pause--&gt; PAUSED --resume--&gt; CATCHING_UP;  any --close--&gt; CLOSED
 * </pre>
 *
 * Every transition that retires the current reader bumps the generation; a reader holds the
 * generation it was started with and stops once it is no longer current. Not thread-safe: the
 * {@link Subscription} that owns it guards it, and nothing here calls out.
 */
final class SubscriptionState {

	private Mode mode = Mode.CATCHING_UP;

	private long generation;

	Mode mode() {
		return this.mode;
	}

	long generation() {
		return this.generation;
	}

	boolean isLive() {
		return this.mode == Mode.LIVE;
	}

	/** Whether the reader started with {@code generation} still feeds the subscription. */
	boolean readerIsCurrent(long generation) {
		return this.generation == generation && this.mode == Mode.CATCHING_UP;
	}

	/** CATCHING_UP → LIVE: the current reader reached the fan-out's position. */
	boolean goLive(long generation) {
		if (!readerIsCurrent(generation)) {
			return false;
		}
		this.mode = Mode.LIVE;
		return true;
	}

	/** LIVE → CATCHING_UP: the client fell behind; @return the new reader's generation, or -1 if not live */
	long overflow() {
		if (this.mode != Mode.LIVE) {
			return -1;
		}
		this.mode = Mode.CATCHING_UP;
		return ++this.generation;
	}

	/** CATCHING_UP or LIVE → PAUSED: no source feeds it; @return false if already paused or closed */
	boolean pause() {
		if (this.mode == Mode.CLOSED || this.mode == Mode.PAUSED) {
			return false;
		}
		this.mode = Mode.PAUSED;
		this.generation++;
		return true;
	}

	/** PAUSED → CATCHING_UP: @return the new reader's generation, or -1 if not paused */
	long resume() {
		if (this.mode != Mode.PAUSED) {
			return -1;
		}
		this.mode = Mode.CATCHING_UP;
		return ++this.generation;
	}

	/** Any → CLOSED, for good: @return false if it already was */
	boolean close() {
		if (this.mode == Mode.CLOSED) {
			return false;
		}
		this.mode = Mode.CLOSED;
		this.generation++;
		return true;
	}

}
