package io.envstream.e2e.bench.endtoend;

/**
 * CPU split into what runs whatever the line rate (commits on a timer, polls, heartbeats: cores spent
 * even when no line flows) and what each line adds: {@code cores = fixedCores + marginal × lines/s}.
 * CPU per line at one rate mixes the two ({@code fixedCores / rate + marginal}), so the fixed part
 * dominates at low rates; two runs at different rates separate them.
 *
 * @param fixedCores cores spent regardless of rate (the line's intercept at 0 lines/s)
 * @param marginalMicrosPerLine CPU each further line costs (the line's slope), µs
 */
record FixedAndMarginalCpu(double fixedCores, double marginalMicrosPerLine) {

	/**
	 * One measured run: lines that flowed during a window and the CPU spent over the same window.
	 *
	 * @param lines lines over the window
	 * @param seconds the window's length
	 * @param cpuNanos CPU time over the window
	 */
	record Window(long lines, double seconds, long cpuNanos) {

		double linesPerSecond() {
			return this.lines / this.seconds;
		}

		double cores() {
			return this.cpuNanos / 1e9 / this.seconds;
		}

	}

	/**
	 * The straight line through two runs, each read as (lines/s, cores) averaged over its window.
	 *
	 * @throws IllegalArgumentException when the two rates are the same: no slope between them
	 */
	static FixedAndMarginalCpu through(Window one, Window other) {
		double rateDifference = other.linesPerSecond() - one.linesPerSecond();
		if (Math.abs(rateDifference) < 1e-9 * Math.max(one.linesPerSecond(), other.linesPerSecond())) {
			throw new IllegalArgumentException("two runs at different rates are needed, both ran at "
					+ one.linesPerSecond() + " lines/s");
		}
		double coreSecondsPerLine = (other.cores() - one.cores()) / rateDifference;
		return new FixedAndMarginalCpu(one.cores() - coreSecondsPerLine * one.linesPerSecond(), coreSecondsPerLine * 1e6);
	}

}
