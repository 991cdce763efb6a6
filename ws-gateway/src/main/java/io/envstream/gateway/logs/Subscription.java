package io.envstream.gateway.logs;

import io.envstream.gateway.ws.Reconnection;
import io.envstream.schemas.cursor.Cursor;

/**
 * One client of the logs endpoint: its filter, where it is in the environment's partition, and its bounded {@link
 * SendQueue}. Exactly one source feeds it at a time, as its {@link SubscriptionState} says. Every line frame must lie
 * strictly after {@link #position}, so a line is never queued twice whichever source offers it; a line frame is queued
 * only while the queue is under its bound.
 */
final class Subscription {

	enum Mode { CATCHING_UP, LIVE, PAUSED, CLOSED } // the states of its SubscriptionState

	/** What a source should do after offering a frame: go on, leave it (queue full), or drop it (no longer fed). */
	enum Offer { TAKEN, OVERFLOW, NOT_LIVE }

	final String id;
	final String environmentId;
	final int partition;
	final boolean follow;
	/** A {@code resume}: counted as succeeded at its first line or {@code live} sent; otherwise {@code null}. */
	final Reconnection reconnection;
	/** Its paced replay's controls, or {@code null} for a connection without {@code speed} or {@code until}. */
	final ReplayControls replay;

	private final SendQueue queue;

	private final SubscriptionState state = new SubscriptionState();

	private volatile LineFilter filter;

	Subscription(String id, String environmentId, int partition, boolean follow, LineFilter filter,
			int bound, Cursor start, Reconnection reconnection, ReplayControls replay) {
		this.id = id;
		this.environmentId = environmentId;
		this.partition = partition;
		this.follow = follow;
		this.filter = filter;
		this.queue = new SendQueue(bound, start);
		this.reconnection = reconnection;
		this.replay = replay;
	}

	LineFilter filter() {
		return this.filter;
	}

	void filter(LineFilter filter) {
		this.filter = filter;
	}

	synchronized Mode mode() {
		return this.state.mode();
	}

	synchronized long generation() {
		return this.state.generation();
	}

	synchronized Cursor position() {
		return this.queue.position();
	}

	synchronized Cursor delivered() {
		return this.queue.delivered();
	}

	/** From the live fan-out: never blocks. */
	synchronized Offer offerLive(Frame frame) {
		if (!this.state.isLive()) {
			return Offer.NOT_LIVE;
		}
		return this.queue.addFromLive(frame) ? Offer.TAKEN : Offer.OVERFLOW;
	}

	/** Leaves live, being too slow: drops what is queued, tells how far behind it is ({@code behind} more);
	 * @return the new reader's generation, or -1 if no longer live (paused or closed) */
	synchronized long overflow(int behind) {
		long generation = this.state.overflow();
		if (generation >= 0) {
			long dropped = restartAtDelivered();
			this.queue.add(Frame.control(FrameEncoder.lag(dropped + behind)));
		}
		return generation;
	}

	/** From its catch-up reader, waiting while the queue is full; false: stop (paused, closed, or replaced). */
	synchronized boolean offerCatchUp(long generation, Frame frame) throws InterruptedException {
		while (offerCatchUpNow(generation, frame) == Offer.OVERFLOW) {
			wait(1000);
		}
		return this.state.readerIsCurrent(generation);
	}

	/** From a catch-up reader, never blocking: OVERFLOW while the queue is full, NOT_LIVE once it no longer feeds it. */
	synchronized Offer offerCatchUpNow(long generation, Frame frame) {
		if (!this.state.readerIsCurrent(generation)) {
			return Offer.NOT_LIVE;
		}
		return this.queue.addFromReader(frame) ? Offer.TAKEN : Offer.OVERFLOW;
	}

	/** Whether the reader of {@code generation} feeds it and its queue is at most half full (a shared reader serves it again). */
	synchronized boolean readsWithRoom(long generation) {
		return this.state.readerIsCurrent(generation) && this.queue.isHalfEmpty();
	}

	synchronized void onRoom(long generation, Runnable listener) { // a shared read, told when the queue falls to half
		this.queue.onRoom(generation, listener);
	}

	/** The catch-up reader reached the live fan-out's position: live from now on, marked by {@code live}. */
	synchronized boolean goLive(long generation) {
		if (!this.state.goLive(generation)) {
			return false;
		}
		this.queue.add(Frame.control(FrameEncoder.live()));
		return true;
	}

	/** Stops delivery: nothing queued is sent; a later {@link #resume} continues after the last line sent. */
	synchronized boolean pause() {
		if (!this.state.pause()) {
			return false;
		}
		restartAtDelivered();
		return true;
	}

	/** @return the new catch-up generation, or -1 if not paused */
	synchronized long resume(Cursor from) {
		long generation = this.state.resume();
		if (generation >= 0 && from != null) {
			this.queue.restartAt(from);
		}
		return generation;
	}

	/**
	 * A replay's seek: the source stops, queued lines are dropped, and the stream goes on as if every line up to
	 * {@code after} had been sent; @return the new reader's generation, or -1 if paused (resume starts there) or closed */
	synchronized long restart(Cursor after) {
		Mode before = this.state.mode();
		if (before == Mode.CLOSED || (before != Mode.PAUSED && !this.state.pause())) {
			return -1;
		}
		restartAtDelivered();
		this.queue.restartAt(after);
		return (before == Mode.PAUSED) ? -1 : this.state.resume();
	}

	/** Queues a control frame (sent in order, outside the bound). */
	synchronized void control(Frame frame) {
		this.queue.add(frame);
	}

	/** Queues a ping ahead of lines, so a busy queue does not starve the heartbeat. */
	synchronized void ping() {
		this.queue.addFirst(Frame.pingFrame());
	}

	/** Marks the subscription closed: readers and the fan-out drop it. */
	synchronized boolean markClosed() {
		if (!this.state.close()) {
			return false;
		}
		this.queue.close();
		notifyAll();
		return true;
	}

	/** @return whether the caller must start draining (no one else is); see {@link Outbox} */
	synchronized boolean claimDrain() {
		return this.queue.claimDrain();
	}

	/** The next frame to send, or {@code null} (and the drain released) when the queue is empty. */
	synchronized Frame take() {
		Frame frame = this.queue.take();
		if (frame != null && frame.isLines()) {
			notifyAll();
		}
		return frame;
	}

	/** Gives the drain up for a turn; the drainer then calls {@link #claimDrain} again via a kick. */
	synchronized void releaseDrain() {
		this.queue.releaseDrain();
	}

	/** Drops the queued lines (@return how many): the next source starts after the last line sent. */
	private int restartAtDelivered() {
		int dropped = this.queue.restartAtDelivered();
		notifyAll();
		return dropped;
	}

}
