package io.envstream.e2e.bench.endtoend;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceCheckTests {

	@Test
	void everyLineOnceInOrderLosesNothing() {
		SequenceCheck check = new SequenceCheck(1);
		for (long seq = 1; seq <= 5; seq++) {
			check.accept("a", seq);
			check.accept("b", seq);
		}

		assertThat(check.unique()).isEqualTo(10);
		assertThat(check.missing()).isZero();
		assertThat(check.repeated()).isZero();
		assertThat(check.lost(List.of("a", "b"), 5)).isZero();
	}

	@Test
	void aGapCountsTheLinesSkipped() {
		SequenceCheck check = new SequenceCheck(1);
		check.accept("a", 1);
		check.accept("a", 4);
		check.accept("a", 5);

		assertThat(check.unique()).isEqualTo(3);
		assertThat(check.missing()).isEqualTo(2);
		assertThat(check.lost(List.of("a"), 5)).isEqualTo(2);
	}

	@Test
	void aDuplicateOrALineOutOfOrderIsARepeat() {
		SequenceCheck check = new SequenceCheck(1);
		check.accept("a", 1);
		check.accept("a", 2);
		check.accept("a", 2);
		check.accept("a", 1);

		assertThat(check.unique()).isEqualTo(2);
		assertThat(check.repeated()).isEqualTo(2);
	}

	@Test
	void missingTailsAndSilentSourcesAreLost() {
		SequenceCheck check = new SequenceCheck(1);
		check.accept("a", 1);
		check.accept("a", 2);

		assertThat(check.lost(List.of("a", "b"), 4)).isEqualTo(2 + 4);
	}

	@Test
	void aResumedStreamStartsAfterItsCursor() {
		SequenceCheck check = new SequenceCheck(2);
		check.accept("a", 2);
		check.accept("a", 3);

		assertThat(check.missing()).isZero();
		assertThat(check.lost(List.of("a"), 3)).isZero();
		check.accept("a", 1);
		assertThat(check.repeated()).isEqualTo(1);
	}

}
