package io.envstream.e2e.bench.endtoend;

/**
 * Latencies in whole milliseconds from 0 to {@value #MAX_MILLIS} (longer ones count as that), so
 * percentiles of millions of lines need no per-line memory. Not thread-safe: one per thread,
 * {@link #add merged} at the end.
 */
final class LatencyHistogram {

	static final int MAX_MILLIS = 120_000;

	private final long[] counts = new long[MAX_MILLIS + 1];

	private long count;

	private long sum;

	/** Records one latency; a negative one (clocks of one machine, rounding) counts as 0. */
	void record(long millis) {
		int bucket = (int) Math.max(0, Math.min(MAX_MILLIS, millis));
		this.counts[bucket]++;
		this.count++;
		this.sum += bucket;
	}

	void add(LatencyHistogram other) {
		for (int i = 0; i <= MAX_MILLIS; i++) {
			this.counts[i] += other.counts[i];
		}
		this.count += other.count;
		this.sum += other.sum;
	}

	/** The mean of the recorded latencies (as clamped); -1 when nothing was recorded. */
	double mean() {
		return (this.count == 0) ? -1 : this.sum / (double) this.count;
	}

	long count() {
		return this.count;
	}

	/**
	 * The smallest latency that at least {@code quantile} of the recorded ones do not exceed
	 * (nearest rank); -1 when nothing was recorded.
	 */
	long percentile(double quantile) {
		if (quantile <= 0 || quantile > 1) {
			throw new IllegalArgumentException("quantile must be in (0, 1]: " + quantile);
		}
		if (this.count == 0) {
			return -1;
		}
		long rank = (long) Math.ceil(quantile * this.count);
		long seen = 0;
		for (int i = 0; i <= MAX_MILLIS; i++) {
			seen += this.counts[i];
			if (seen >= rank) {
				return i;
			}
		}
		return MAX_MILLIS;
	}

}
