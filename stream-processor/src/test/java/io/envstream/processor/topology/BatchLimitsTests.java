package io.envstream.processor.topology;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BatchLimitsTests {

	private final BatchLimits limits = new BatchLimits(100, Duration.ofMillis(100), 1024);

	@Test
	void windowsAreSpansOfMaxWaitFromTheEpoch() {
		assertThat(this.limits.windowEnd(0)).isEqualTo(100);
		assertThat(this.limits.windowEnd(1)).isEqualTo(100);
		assertThat(this.limits.windowEnd(99)).isEqualTo(100);
		assertThat(this.limits.windowEnd(100)).as("a window's end is the next one's start").isEqualTo(200);
		assertThat(this.limits.windowEnd(1_764_064_800_042L)).isEqualTo(1_764_064_800_100L);
	}

	@Test
	void limitsMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BatchLimits(0, Duration.ofMillis(100), 1024))
			.withMessageContaining("must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> new BatchLimits(100, Duration.ZERO, 1024));
		assertThatIllegalArgumentException().isThrownBy(() -> new BatchLimits(100, Duration.ofMillis(100), 0));
	}

}
