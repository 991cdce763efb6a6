package io.envstream.gateway.logs;

import java.util.ArrayList;
import java.util.List;

import io.envstream.schemas.cursor.Cursor;

import org.springframework.web.socket.CloseStatus;

/**
 * One replay reader's sending: it queues each line when its {@link ReplayControls} say it is due,
 * the lines due together in one batch (at most {@code max-batch-lines} kept by the filter), and a
 * {@code replay} message with the position at least every {@link #POSITION_EVERY_NANOS}. Lines the
 * filter drops cost no wait. Its methods return false once the reader is no longer current
 * (paused, seeked, closed): the reader then stops.
 */
final class PacedLines {

	/** Lines due within this much are sent with the batch at hand rather than waited for one by one. */
	static final long DUE_WITHIN_NANOS = 5_000_000L;

	static final long POSITION_EVERY_NANOS = 500_000_000L;

	private final Subscription subscription;

	private final long generation;

	private final ReplayControls controls;

	private final LinePipeline pipeline;

	private final Outbox outbox;

	private final int maxBatchLines;

	private final List<LogLine> batch = new ArrayList<>();

	private long positionSentNanos = System.nanoTime();

	PacedLines(Subscription subscription, long generation, LinePipeline pipeline, Outbox outbox, int maxBatchLines) {
		this.subscription = subscription;
		this.generation = generation;
		this.controls = subscription.replay;
		this.pipeline = pipeline;
		this.outbox = outbox;
		this.maxBatchLines = maxBatchLines;
	}

	/** Sends the lines (oldest first) at their pace; ends the replay at the first line at or after {@code until}. */
	boolean offer(List<LogLine> lines) throws InterruptedException {
		LineFilter filter = this.subscription.filter();
		int kept = 0;
		for (LogLine line : lines) {
			if (this.controls.endsBefore(line.timestampNanos())) {
				if (flush(filter)) {
					end(CloseStatus.NORMAL.withReason("end of replay"));
				}
				return false;
			}
			if (filter.accepts(line.stream(), line.message())) {
				long wait;
				while ((wait = this.controls.waitNanos(this.generation, line.timestampNanos())) > DUE_WITHIN_NANOS) {
					if (!flush(filter) || !idle(wait)) {
						return false;
					}
					kept = 0;
				}
				kept++;
			}
			this.batch.add(line);
			if (kept >= this.maxBatchLines) {
				if (!flush(filter)) {
					return false;
				}
				kept = 0;
			}
		}
		return flush(filter) && positionIfDue();
	}

	/** Waits up to {@code nanos} (less when a control changes), telling the client the position meanwhile. */
	boolean idle(long nanos) throws InterruptedException {
		long untilPosition = POSITION_EVERY_NANOS - (System.nanoTime() - this.positionSentNanos);
		this.controls.await(Math.max(1, Math.min(nanos, untilPosition)));
		return positionIfDue() && isCurrent();
	}

	/** Queues a control frame ahead of the lines still to come; false once the reader is no longer current. */
	boolean offerControl(Frame frame) throws InterruptedException {
		return offer(frame);
	}

	/** Ends the replay with a close, unless the reader is no longer current. */
	void end(CloseStatus status) {
		if (isCurrent()) {
			this.subscription.control(Frame.close(status));
			this.outbox.kick(this.subscription);
		}
	}

	boolean isCurrent() {
		return this.subscription.generation() == this.generation
				&& this.subscription.mode() == Subscription.Mode.CATCHING_UP;
	}

	private boolean flush(LineFilter filter) throws InterruptedException {
		if (this.batch.isEmpty()) {
			return true;
		}
		List<Frame> frames = this.pipeline.frames(this.batch, filter);
		this.batch.clear();
		for (Frame frame : frames) {
			if (!offer(frame)) {
				return false;
			}
		}
		return positionIfDue();
	}

	private boolean positionIfDue() throws InterruptedException {
		Cursor position = this.subscription.position();
		long original = this.controls.originalNanos();
		// before its first line a replay has no original time to report yet
		if (position == null || original == 0 || System.nanoTime() - this.positionSentNanos < POSITION_EVERY_NANOS) {
			return true;
		}
		this.positionSentNanos = System.nanoTime();
		return offer(Frame.control(ReplayMessages.position(position, original, this.controls.speed())));
	}

	private boolean offer(Frame frame) throws InterruptedException {
		boolean taken = this.subscription.offerCatchUp(this.generation, frame);
		this.outbox.kick(this.subscription);
		return taken;
	}

}
