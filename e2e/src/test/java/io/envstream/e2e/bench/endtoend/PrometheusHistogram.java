package io.envstream.e2e.bench.endtoend;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cumulative buckets of one Prometheus histogram as scraped at one moment ({@code <name>_bucket}
 * lines, summed over the label sets that match), so that two scrapes give the percentiles of what
 * was recorded between them: the per-stage tail of a run, where the stage's sum and count give only
 * its mean.
 */
final class PrometheusHistogram {

	private static final Pattern UPPER_BOUND = Pattern.compile("le=\"([^\"]+)\"");

	/** Cumulative count by upper bound in the metric's unit ({@code +Inf} as infinity). */
	private final TreeMap<Double, Double> cumulative;

	private PrometheusHistogram(TreeMap<Double, Double> cumulative) {
		this.cumulative = cumulative;
	}

	static PrometheusHistogram parse(String prometheusText, String metric, String labels) {
		TreeMap<Double, Double> cumulative = new TreeMap<>();
		String name = metric + "_bucket{";
		for (String line : prometheusText.split("\n")) {
			if (!line.startsWith(name) || !line.contains(labels)) {
				continue;
			}
			Matcher bound = UPPER_BOUND.matcher(line);
			if (!bound.find()) {
				throw new IllegalArgumentException("a bucket without an upper bound: " + line);
			}
			double upper = bound.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound.group(1));
			double count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			cumulative.merge(upper, count, Double::sum);
		}
		return new PrometheusHistogram(cumulative);
	}

	/**
	 * The upper bound of the bucket that holds the {@code quantile} of what was recorded since
	 * {@code before} (so a percentile rounded up to the bucket's bound); -1 when nothing was.
	 */
	double percentileSince(PrometheusHistogram before, double quantile) {
		if (quantile <= 0 || quantile > 1) {
			throw new IllegalArgumentException("quantile must be in (0, 1]: " + quantile);
		}
		double total = countSince(before, Double.POSITIVE_INFINITY);
		if (total <= 0) {
			return -1;
		}
		for (Map.Entry<Double, Double> bucket : this.cumulative.entrySet()) {
			if (countSince(before, bucket.getKey()) >= quantile * total) {
				return bucket.getKey();
			}
		}
		return Double.POSITIVE_INFINITY;
	}

	private double countSince(PrometheusHistogram before, double upper) {
		return this.cumulative.getOrDefault(upper, 0.0) - before.cumulative.getOrDefault(upper, 0.0);
	}

}
