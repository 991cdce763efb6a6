package io.envstream.testsupport.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StatisticsTests {

	@Test
	void medianIsTheMiddleOfTheSortedValuesWhateverTheirOrder() {
		assertThat(Statistics.median(9.0, 1.0, 5.0)).isEqualTo(5.0);
		assertThat(Statistics.median(7.0)).isEqualTo(7.0);
		assertThat(Statistics.median(4.0, 1.0, 3.0, 2.0)).as("even count: the upper middle").isEqualTo(3.0);
	}

	@Test
	void medianLeavesTheValuesAsTheyWere() {
		double[] values = { 3.0, 1.0, 2.0 };
		Statistics.median(values);
		assertThat(values).containsExactly(3.0, 1.0, 2.0);
	}

	@Test
	void medianOfNothingIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(Statistics::median).withMessageContaining("no values");
	}

}
