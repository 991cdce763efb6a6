package io.envstream.e2e.bench.endtoend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LatencyHistogramTests {

	@Test
	void percentilesAreNearestRank() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int ms = 1; ms <= 1000; ms++) {
			histogram.record(ms);
		}

		assertThat(histogram.percentile(0.5)).isEqualTo(500);
		assertThat(histogram.percentile(0.99)).isEqualTo(990);
		assertThat(histogram.percentile(0.999)).isEqualTo(999);
		assertThat(histogram.percentile(1.0)).isEqualTo(1000);
		assertThat(histogram.mean()).isEqualTo(500.5);
	}

	@Test
	void oneSlowLineInAThousandShowsOnlyAtP999() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int i = 0; i < 999; i++) {
			histogram.record(10);
		}
		histogram.record(5000);

		assertThat(histogram.percentile(0.99)).isEqualTo(10);
		assertThat(histogram.percentile(0.999)).isEqualTo(10);
		assertThat(histogram.percentile(1.0)).isEqualTo(5000);
	}

	@Test
	void outOfRangeLatenciesAreClampedAndMergingAddsCounts() {
		LatencyHistogram a = new LatencyHistogram();
		a.record(-3);
		LatencyHistogram b = new LatencyHistogram();
		b.record(LatencyHistogram.MAX_MILLIS + 5000);

		a.add(b);

		assertThat(a.count()).isEqualTo(2);
		assertThat(a.percentile(0.5)).isZero();
		assertThat(a.percentile(1.0)).isEqualTo(LatencyHistogram.MAX_MILLIS);
		assertThat(a.mean()).isEqualTo(LatencyHistogram.MAX_MILLIS / 2.0);
	}

	@Test
	void emptyHistogramHasNoPercentileAndQuantileMustBeAFraction() {
		assertThat(new LatencyHistogram().percentile(0.99)).isEqualTo(-1);
		assertThat(new LatencyHistogram().mean()).isEqualTo(-1);
		assertThatIllegalArgumentException().isThrownBy(() -> new LatencyHistogram().percentile(99));
	}

}
