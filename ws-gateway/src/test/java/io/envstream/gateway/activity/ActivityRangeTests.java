package io.envstream.gateway.activity;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ActivityRangeTests {

	private static final Instant NOW = Instant.parse("2025-10-01T12:34:56Z");

	@Test
	void defaultsToTheLastHourByMinuteEndingAtTheCurrentMinute() {
		ActivityRange range = ActivityRange.parse(null, null, null, NOW);

		assertThat(range.from()).isEqualTo("2025-10-01T11:34:00Z");
		assertThat(range.to()).isEqualTo("2025-10-01T12:35:00Z");
		assertThat(range.step()).isEqualTo(Duration.ofMinutes(1));
		assertThat(range.buckets()).isEqualTo(61);
	}

	@Test
	void widensTheRangeToWholeMinutesAndEndsTheLastBucketAtTo() {
		ActivityRange range = ActivityRange.parse("2025-10-01T10:00:30Z", "2025-10-01T10:20:10Z", "PT15M", NOW);

		assertThat(range.from()).isEqualTo("2025-10-01T10:00:00Z");
		assertThat(range.to()).isEqualTo("2025-10-01T10:21:00Z");
		assertThat(range.buckets()).isEqualTo(2);
		assertThat(range.start(1)).isEqualTo("2025-10-01T10:15:00Z");
	}

	@Test
	void readsStepsInTheShortAndTheIsoForm() {
		assertThat(ActivityRange.parse(null, null, "5m", NOW).step()).isEqualTo(Duration.ofMinutes(5));
		assertThat(ActivityRange.parse("2025-09-01T00:00:00Z", null, "1d", NOW).step()).isEqualTo(Duration.ofDays(1));
		assertThat(ActivityRange.parse(null, null, "PT1H", NOW).step()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void refusesStepsThatAreNotWholeMinutesFromOneMinuteToADay() {
		assertThatIllegalArgumentException().isThrownBy(() -> ActivityRange.parse(null, null, "30s", NOW))
			.withMessageContaining("step must be a whole number of minutes from 1m to 1d");
		assertThatIllegalArgumentException().isThrownBy(() -> ActivityRange.parse(null, null, "90s", NOW))
			.withMessageContaining("whole number of minutes");
		assertThatIllegalArgumentException().isThrownBy(() -> ActivityRange.parse(null, null, "2d", NOW))
			.withMessageContaining("from 1m to 1d");
		assertThatIllegalArgumentException().isThrownBy(() -> ActivityRange.parse(null, null, "soon", NOW))
			.withMessageContaining("step must be a duration such as 1m");
	}

	@Test
	void refusesMoreBucketsThanTheLimit() {
		assertThat(ActivityRange.parse("2025-09-30T12:00:00Z", "2025-10-01T12:00:00Z", "1m", NOW).buckets())
			.isEqualTo(ActivityRange.MAX_BUCKETS);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ActivityRange.parse("2025-09-30T12:00:00Z", "2025-10-01T12:01:00Z", "1m", NOW))
			.withMessageContaining("holds 1441 steps of PT1M, at most 1440");
	}

	@Test
	void refusesTimesThatAreNotRfc3339OrOutOfOrder() {
		assertThatIllegalArgumentException().isThrownBy(() -> ActivityRange.parse("yesterday", null, null, NOW))
			.withMessage("from must be an RFC 3339 time, e.g. 2025-10-01T12:00:00Z");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ActivityRange.parse("2025-10-01T12:00:00Z", "2025-10-01T12:00:00Z", null, NOW))
			.withMessage("from must be before to");
	}

}
