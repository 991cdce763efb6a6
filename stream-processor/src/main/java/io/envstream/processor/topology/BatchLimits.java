package io.envstream.processor.topology;

import java.time.Duration;

/**
 * When a batch of one environment's lines closes: at {@code maxLines} lines, at {@code maxBytes} of
 * messages, or at the end of the window its first line arrived in, whichever comes first. Windows are
 * {@code maxWait} long and aligned on the clock ({@link #windowEnd}).
 *
 * @param maxLines most lines in a batch
 * @param maxWait the window: the longest a line waits for others
 * @param maxBytes message bytes (UTF-16 length) after which a batch closes, so one record stays far below the
 * producer's request size
 */
public record BatchLimits(int maxLines, Duration maxWait, long maxBytes) {

	public BatchLimits {
		if (maxLines < 1 || maxWait.toMillis() < 1 || maxBytes < 1) {
			throw new IllegalArgumentException("batch limits must be positive: " + maxLines + " lines, " + maxWait
					+ ", " + maxBytes + " bytes");
		}
	}

	/**
	 * How often open batches are checked: every millisecond, the finest a punctuation goes. Kafka Streams keeps
	 * every schedule on its own grid of its interval from when it was made; at one millisecond the grids of all
	 * the tasks of a stream thread are the same, so they all see a window end in the same loop and the thread
	 * commits once for all of them (at a tenth of the window, as before, each of the 12 tasks saw it at its own
	 * tick, in its own loop, and asked for a commit of its own). A tick that finds nothing due returns at once.
	 */
	Duration tick() {
		return Duration.ofMillis(1);
	}

	/**
	 * The end of the window that {@code millis} (wall-clock, epoch) falls in. Windows are aligned on the clock
	 * rather than on each batch's first line, so that the batches of every environment close, and commit, at the
	 * same instants: one transaction per window, however many environments were writing.
	 */
	long windowEnd(long millis) {
		long window = this.maxWait.toMillis();
		return (Math.floorDiv(millis, window) + 1) * window;
	}

}
