package io.envstream.gateway.logs;

import java.util.ArrayDeque;
import java.util.Iterator;

import io.envstream.gateway.limits.ConnectionLimits.Lease;
import io.envstream.schemas.cursor.Cursor;

/**
 * One client of the logs endpoint: its filter, where it is in the environment's partition, and its
 * bounded send queue. Lines reach it from exactly one source at a time, which {@link #mode} names:
 * its own catch-up reader (history, resume, a slow client, after a pause) or the shared live fan-out.
 * Every line frame must lie strictly after {@link #position}, so a line is never queued twice
 * whichever source offers it; a line frame is queued only while the queue holds fewer than the
 * bound, so memory per connection stays bounded.
 */
final class Subscription {

	enum Mode {
		CATCHING_UP, LIVE, PAUSED, CLOSED
	}

	/** What the fan-out should do after offering a frame. */
	enum Offer {
		TAKEN, OVERFLOW, NOT_LIVE
	}

	final String id;

	final String environmentId;

	final int partition;

	final boolean follow;

	final Lease lease;

	final long openedNanos = System.nanoTime();

	private final int bound;

	private final ArrayDeque<Frame> queue = new ArrayDeque<>();

	private volatile LineFilter filter;

	private Mode mode = Mode.CATCHING_UP;

	private long generation;

	private int queuedLines;

	/** Position of the last line queued (or skipped by the filter). */
	private Cursor position;

	/** Position of the last line taken for sending: where a catch-up restarts. */
	private Cursor delivered;

	private boolean draining;

	Subscription(String id, String environmentId, int partition, boolean follow, Lease lease, LineFilter filter,
			int bound, Cursor start) {
		this.id = id;
		this.environmentId = environmentId;
		this.partition = partition;
		this.follow = follow;
		this.lease = lease;
		this.filter = filter;
		this.bound = bound;
		this.position = start;
		this.delivered = start;
	}

	LineFilter filter() {
		return this.filter;
	}

	void filter(LineFilter filter) {
		this.filter = filter;
	}

	synchronized Mode mode() {
		return this.mode;
	}

	synchronized long generation() {
		return this.generation;
	}

	synchronized Cursor position() {
		return this.position;
	}

	/** From the live fan-out: never blocks. */
	synchronized Offer offerLive(Frame frame) {
		if (this.mode != Mode.LIVE) {
			return Offer.NOT_LIVE;
		}
		if (this.position != null && frame.last().compareTo(this.position) <= 0) {
			return Offer.TAKEN;
		}
		if (frame.json() != null && this.queuedLines + frame.lines() > this.bound) {
			return Offer.OVERFLOW;
		}
		queueLines(frame);
		return Offer.TAKEN;
	}

	/**
	 * Leaves the live fan-out because the client is too slow: drops what is queued but not taken,
	 * tells the client how far behind it is, and returns where its catch-up reader starts.
	 * @param behind lines the client is behind besides the dropped ones
	 */
	synchronized long overflow(int behind) {
		int dropped = dropQueuedLines();
		this.mode = Mode.CATCHING_UP;
		this.generation++;
		this.position = this.delivered;
		this.queue.add(Frame.control(FrameEncoder.lag((long) dropped + behind)));
		return this.generation;
	}

	/**
	 * From this subscription's catch-up reader: waits while the queue is full.
	 * @return false when the reader should stop (paused, closed, or replaced by a newer reader)
	 */
	synchronized boolean offerCatchUp(long generation, Frame frame) throws InterruptedException {
		while (this.generation == generation && this.mode == Mode.CATCHING_UP && frame.json() != null
				&& this.queuedLines > 0 && this.queuedLines + frame.lines() > this.bound) {
			wait(1000);
		}
		if (this.generation != generation || this.mode != Mode.CATCHING_UP) {
			return false;
		}
		if (frame.isLines() && this.position != null && frame.last().compareTo(this.position) <= 0) {
			return true;
		}
		if (frame.isLines()) {
			queueLines(frame);
		}
		else {
			this.queue.add(frame);
		}
		return true;
	}

	/** The catch-up reader reached the live fan-out's position: live from now on, marked by {@code live}. */
	synchronized boolean goLive(long generation) {
		if (this.generation != generation || this.mode != Mode.CATCHING_UP) {
			return false;
		}
		this.mode = Mode.LIVE;
		this.queue.add(Frame.control(FrameEncoder.live()));
		return true;
	}

	/** Stops delivery: nothing queued is sent; a later {@link #resume} continues after the last line sent. */
	synchronized boolean pause() {
		if (this.mode == Mode.CLOSED || this.mode == Mode.PAUSED) {
			return false;
		}
		dropQueuedLines();
		this.mode = Mode.PAUSED;
		this.generation++;
		this.position = this.delivered;
		return true;
	}

	/** @return the new catch-up generation, or -1 if not paused */
	synchronized long resume(Cursor from) {
		if (this.mode != Mode.PAUSED) {
			return -1;
		}
		this.mode = Mode.CATCHING_UP;
		this.generation++;
		if (from != null) {
			this.position = from;
			this.delivered = from;
		}
		return this.generation;
	}

	synchronized Cursor delivered() {
		return this.delivered;
	}

	/** Queues a control frame (sent in order, outside the bound). */
	synchronized void control(Frame frame) {
		if (this.mode != Mode.CLOSED) {
			this.queue.add(frame);
		}
	}

	/** Queues a ping ahead of lines, so a busy queue does not starve the heartbeat. */
	synchronized void ping() {
		if (this.mode != Mode.CLOSED) {
			this.queue.addFirst(Frame.pingFrame());
		}
	}

	/** Marks the subscription closed: readers and the fan-out drop it. */
	synchronized boolean markClosed() {
		if (this.mode == Mode.CLOSED) {
			return false;
		}
		this.mode = Mode.CLOSED;
		this.generation++;
		this.queue.clear();
		this.queuedLines = 0;
		notifyAll();
		return true;
	}

	/** @return whether the caller must start draining (no one else is) */
	synchronized boolean claimDrain() {
		if (this.draining || this.queue.isEmpty()) {
			return false;
		}
		this.draining = true;
		return true;
	}

	/** The next frame to send, or {@code null} (and the drain released) when the queue is empty. */
	synchronized Frame take() {
		Frame frame = this.queue.poll();
		if (frame == null) {
			this.draining = false;
			return null;
		}
		if (frame.isLines()) {
			this.queuedLines -= frame.lines();
			this.delivered = frame.last();
			notifyAll();
		}
		return frame;
	}

	/** Gives the drain up for a turn; the drainer then calls {@link #claimDrain} again via a kick. */
	synchronized void releaseDrain() {
		this.draining = false;
	}

	private void queueLines(Frame frame) {
		this.position = frame.last();
		if (frame.json() != null) {
			this.queue.add(frame);
			this.queuedLines += frame.lines();
		}
		else if (this.queue.isEmpty() || !this.queue.peekLast().isLines()) {
			// nothing to send, but a catch-up must not restart before lines the filter dropped
			this.queue.add(frame);
		}
	}

	private int dropQueuedLines() {
		int dropped = 0;
		for (Iterator<Frame> frames = this.queue.iterator(); frames.hasNext();) {
			Frame frame = frames.next();
			if (frame.isLines()) {
				dropped += frame.lines();
				frames.remove();
			}
		}
		this.queuedLines = 0;
		notifyAll();
		return dropped;
	}

}
