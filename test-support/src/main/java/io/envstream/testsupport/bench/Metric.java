package io.envstream.testsupport.bench;

import java.util.Objects;

/**
 * One figure of a benchmark, optionally beside a baseline measured in the same run.
 *
 * @param ratio {@code value / baseline.value}, present exactly when there is a baseline
 */
public record Metric(String name, double value, String unit, Baseline baseline, Double ratio) {

	public Metric {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(unit, "unit");
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException("metric '" + name + "' is not a finite number: " + value);
		}
		if ((baseline == null) != (ratio == null)) {
			throw new IllegalArgumentException("metric '" + name + "' must have a ratio exactly when it has a baseline");
		}
	}

	public static Metric of(String name, double value, String unit) {
		return new Metric(name, value, unit, null, null);
	}

	/** A figure beside its baseline; the ratio is derived so it can never disagree with the two values. */
	public static Metric against(String name, double value, String unit, String baselineName, double baselineValue) {
		if (baselineValue == 0 || !Double.isFinite(baselineValue)) {
			throw new IllegalArgumentException(
					"metric '" + name + "': baseline '" + baselineName + "' is " + baselineValue + ", no ratio possible");
		}
		return new Metric(name, value, unit, new Baseline(baselineName, baselineValue), value / baselineValue);
	}

	public record Baseline(String name, double value) {

		public Baseline {
			Objects.requireNonNull(name, "name");
		}

	}

}
