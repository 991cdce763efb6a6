package io.envstream.testsupport.bench;

import java.util.Arrays;

/** Summaries of a benchmark's repeated measurements. */
public final class Statistics {

	private Statistics() {
	}

	/** The middle value of the sorted values; of an even count, the upper of the two in the middle. */
	public static double median(double... values) {
		if (values.length == 0) {
			throw new IllegalArgumentException("no values to take the median of");
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
