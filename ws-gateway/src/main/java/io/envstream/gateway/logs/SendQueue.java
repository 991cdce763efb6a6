package io.envstream.gateway.logs;

import java.util.ArrayDeque;
import java.util.Iterator;

import io.envstream.schemas.cursor.Cursor;

/**
 * One subscription's frames in sending order, with the position of the last line queued and of
 * the last line taken for sending. Line frames count against the bound, control frames do not;
 * one drain at a time takes from it. Once closed it takes nothing more. Not thread-safe: the
 * {@link Subscription} that owns it guards it.
 */
final class SendQueue {

	private final ArrayDeque<Frame> frames = new ArrayDeque<>();

	private final int bound;

	private int lines;

	private boolean draining;

	private boolean closed;

	private Runnable roomListener;

	private long roomGeneration;

	/** Position of the last line queued (or skipped by the filter). */
	private Cursor position;

	/** Position of the last line taken for sending: where a catch-up restarts. */
	private Cursor delivered;

	SendQueue(int bound, Cursor start) {
		this.bound = bound;
		this.position = start;
		this.delivered = start;
	}

	Cursor position() {
		return this.position;
	}

	Cursor delivered() {
		return this.delivered;
	}

	/** Whether the line frame lies after every line queued so far. */
	boolean isNew(Frame frame) {
		return this.position == null || frame.last().compareTo(this.position) > 0;
	}

	/** Whether queuing the frame would go over the bound. */
	boolean overBoundWith(Frame frame) {
		return frame.message() != null && this.lines + frame.lines() > this.bound;
	}

	/** Whether a reader must wait to queue the frame: over the bound while lines are still queued. */
	boolean mustWaitFor(Frame frame) {
		return this.lines > 0 && overBoundWith(frame);
	}

	/** Whether at most half the bound is queued: room enough to be worth a shared reader's seek back. */
	boolean isHalfEmpty() {
		return this.lines * 2 <= this.bound;
	}

	/** Queues a live line frame if new; @return false, queuing nothing, when it would go over the bound. */
	boolean addFromLive(Frame frame) {
		if (!isNew(frame)) {
			return true;
		}
		if (overBoundWith(frame)) {
			return false;
		}
		addLines(frame);
		return true;
	}

	/** Queues a reader's frame, a line frame only if new; @return false, queuing nothing, while a line frame must wait. */
	boolean addFromReader(Frame frame) {
		if (mustWaitFor(frame)) {
			return false;
		}
		if (!frame.isLines()) {
			add(frame);
		}
		else if (isNew(frame)) {
			addLines(frame);
		}
		return true;
	}

	/** {@code listener}, of reader {@code generation}, is told when the queue falls to half; null stops it, unless a newer reader's. */
	void onRoom(long generation, Runnable listener) {
		if (listener != null || generation == this.roomGeneration) {
			this.roomListener = listener;
			this.roomGeneration = generation;
		}
	}

	void add(Frame frame) {
		if (!this.closed) {
			this.frames.add(frame);
		}
	}

	void addFirst(Frame frame) {
		if (!this.closed) {
			this.frames.addFirst(frame);
		}
	}

	void addLines(Frame frame) {
		this.position = frame.last();
		if (frame.message() != null) {
			this.frames.add(frame);
			this.lines += frame.lines();
		}
		else if (this.frames.isEmpty() || !this.frames.peekLast().isLines()) {
			// nothing to send, but a catch-up must not restart before lines the filter dropped
			this.frames.add(frame);
		}
	}

	/** Drops the queued line frames, keeping the control frames, and restarts after the last line taken. */
	int restartAtDelivered() {
		this.position = this.delivered;
		int dropped = 0;
		for (Iterator<Frame> it = this.frames.iterator(); it.hasNext();) {
			Frame frame = it.next();
			if (frame.isLines()) {
				dropped += frame.lines();
				it.remove();
			}
		}
		this.lines = 0;
		return dropped;
	}

	/** Restarts at {@code from}, as if every line up to it had been sent. */
	void restartAt(Cursor from) {
		this.position = from;
		this.delivered = from;
	}

	void close() {
		this.closed = true;
		this.frames.clear();
		this.lines = 0;
	}

	/** @return whether the caller must start draining (no one else is) */
	boolean claimDrain() {
		if (this.draining || this.frames.isEmpty()) {
			return false;
		}
		this.draining = true;
		return true;
	}

	/** The next frame, or {@code null} (and the drain released) when the queue is empty. */
	Frame take() {
		Frame frame = this.frames.poll();
		if (frame == null) {
			this.draining = false;
		}
		else if (frame.isLines()) {
			boolean overHalf = !isHalfEmpty();
			this.lines -= frame.lines();
			this.delivered = frame.last();
			Runnable listener = this.roomListener;
			if (listener != null && overHalf && isHalfEmpty()) {
				listener.run();
			}
		}
		return frame;
	}

	void releaseDrain() {
		this.draining = false;
	}

}
