package io.envstream.e2e.bench.endtoend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class FixedAndMarginalCpuTests {

	/** CPU a process with 0.5 cores of fixed work and 50 µs per line spends over a window. */
	private static FixedAndMarginalCpu.Window run(long lines, double seconds) {
		return new FixedAndMarginalCpu.Window(lines, seconds, (long) ((0.5 * seconds + 50e-6 * lines) * 1e9));
	}

	@Test
	void twoRatesGiveTheFixedCoresAndTheMarginalCostPerLine() {
		FixedAndMarginalCpu cost = FixedAndMarginalCpu.through(run(10_000, 10), run(120_000, 12));

		assertThat(cost.fixedCores()).isCloseTo(0.5, within(1e-6));
		assertThat(cost.marginalMicrosPerLine()).isCloseTo(50, within(1e-6));
	}

	@Test
	void theOrderOfTheRunsDoesNotMatter() {
		FixedAndMarginalCpu lowFirst = FixedAndMarginalCpu.through(run(2_000, 10), run(100_000, 10));
		FixedAndMarginalCpu highFirst = FixedAndMarginalCpu.through(run(100_000, 10), run(2_000, 10));

		assertThat(highFirst.fixedCores()).isCloseTo(lowFirst.fixedCores(), within(1e-9));
		assertThat(highFirst.marginalMicrosPerLine()).isCloseTo(lowFirst.marginalMicrosPerLine(), within(1e-9));
	}

	@Test
	void cpuPerLineAtOneRateHidesTheFixedCostInThePerLineFigure() {
		FixedAndMarginalCpu.Window slow = run(10_000, 10);

		// 1,000 lines/s: 0.5 cores / 1,000 lines/s = 500 µs of fixed cost on every line, beside the 50 it adds
		assertThat(slow.cpuNanos() / 1000.0 / slow.lines()).isCloseTo(550, within(1e-3));
		assertThat(slow.cores()).isCloseTo(0.55, within(1e-9));
		assertThat(slow.linesPerSecond()).isEqualTo(1000);
	}

	@Test
	void oneRateTwiceHasNoSlope() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FixedAndMarginalCpu.through(run(10_000, 10), run(20_000, 20)))
			.withMessageContaining("different rates");
	}

}
