package io.envstream.processor.topology;

import java.time.Duration;

/**
 * When a batch of one environment's lines closes: at {@code maxLines} lines, at {@code maxBytes} of
 * messages, or, in a backlog, at the end of the {@code maxWait} window its first line came in ({@link #windowEnd}),
 * whichever comes first (while caught up a record's lines leave at once: {@link LineBatcher}).
 *
 * @param maxLines most lines in a batch
 * @param maxWait how long the first line of a backlog's batch may wait for others: the length of the windows
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
	 * When a batch opened at {@code openedAtMillis} closes by time: at the end of the window it opened in, windows
	 * being consecutive spans of {@code maxWait} from the epoch. Every task of every processor shares them, so the
	 * batches that close by time close together and their stream thread commits them in one transaction: the
	 * thread's commits for them follow the windows, not the number of environments and partitions, each commit
	 * being some ten broker requests and a wake-up of every {@code read_committed} reader. A batch's first line
	 * waits at most {@code maxWait}, and less when the batch opened late in its window.
	 */
	long windowEnd(long openedAtMillis) {
		long window = this.maxWait.toMillis();
		return Math.floorDiv(openedAtMillis, window) * window + window;
	}

}
