package io.envstream.e2e.bench.endtoend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PrometheusHistogramTests {

	private static String scrape(long upTo10ms, long upTo100ms, long upTo1s, long all) {
		return """
				# HELP stage_seconds a stage
				# TYPE stage_seconds histogram
				stage_seconds_bucket{endpoint="logs",le="0.01"} %d
				stage_seconds_bucket{endpoint="logs",le="0.1"} %d
				stage_seconds_bucket{endpoint="logs",le="1.0"} %d
				stage_seconds_bucket{endpoint="logs",le="+Inf"} %d
				stage_seconds_bucket{endpoint="status",le="0.01"} 1000
				stage_seconds_bucket{endpoint="status",le="+Inf"} 5000
				stage_seconds_count{endpoint="logs"} %d
				""".formatted(upTo10ms, upTo100ms, upTo1s, all, all);
	}

	@Test
	void percentilesCountOnlyWhatWasRecordedBetweenTheTwoScrapes() {
		PrometheusHistogram before = PrometheusHistogram.parse(scrape(500, 500, 500, 500), "stage_seconds",
				"endpoint=\"logs\"");
		// since: 90 under 10 ms, 9 more under 100 ms, 1 more under 1 s
		PrometheusHistogram after = PrometheusHistogram.parse(scrape(590, 599, 600, 600), "stage_seconds",
				"endpoint=\"logs\"");

		assertThat(after.percentileSince(before, 0.5)).isEqualTo(0.01);
		assertThat(after.percentileSince(before, 0.99)).isEqualTo(0.1);
		assertThat(after.percentileSince(before, 1.0)).isEqualTo(1.0);
	}

	@Test
	void aTailBeyondTheLastBoundIsInfiniteAndNothingRecordedIsMinusOne() {
		PrometheusHistogram before = PrometheusHistogram.parse(scrape(0, 0, 0, 0), "stage_seconds", "logs");
		PrometheusHistogram after = PrometheusHistogram.parse(scrape(0, 0, 0, 10), "stage_seconds", "logs");

		assertThat(after.percentileSince(before, 0.5)).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(before.percentileSince(before, 0.5)).isEqualTo(-1);
		assertThatIllegalArgumentException().isThrownBy(() -> after.percentileSince(before, 0));
	}

}
