package io.envstream.processor.topology;

import java.time.Duration;

/**
 * When a batch of one environment's lines closes: at {@code maxLines} lines, at {@code maxBytes} of
 * messages, or {@code maxWait} after its first line, whichever comes first.
 *
 * @param maxLines most lines in a batch
 * @param maxWait how long the first line of a batch may wait for others
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

	/** How often open batches are checked: a tenth of the window, so one closes at most 10% late. */
	Duration tick() {
		return Duration.ofMillis(Math.max(1, this.maxWait.toMillis() / 10));
	}

}
