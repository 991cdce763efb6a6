package io.envstream.gateway.logs;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayPacerTests {

	private static final long MS = 1_000_000L;

	/** Original times of a recorded burst pattern, in ms from its start. */
	private static final long T0 = 1_700_000_000_000L * MS;

	private final AtomicLong now = new AtomicLong(5_000 * MS);

	private ReplayPacer pacer(double speed) {
		return new ReplayPacer(this.now::get, new ReplaySpeed(speed));
	}

	private void advance(long millis) {
		this.now.addAndGet(millis * MS);
	}

	@Test
	void firstLineIsDueAtOnceAndLaterOnesAfterTheirOriginalGapDividedByTheSpeed() {
		ReplayPacer pacer = pacer(10);
		assertThat(pacer.waitNanos(T0)).isZero();
		assertThat(pacer.waitNanos(T0)).as("same original time").isZero();
		assertThat(pacer.waitNanos(T0 + 1_000 * MS)).isEqualTo(100 * MS);
		advance(60);
		assertThat(pacer.waitNanos(T0 + 1_000 * MS)).isEqualTo(40 * MS);
		advance(40);
		assertThat(pacer.waitNanos(T0 + 1_000 * MS)).isZero();
		assertThat(pacer.originalNanos()).isEqualTo(T0 + 1_000 * MS);
	}

	@Test
	void slowerThanOriginalStretchesTheGaps() {
		ReplayPacer pacer = pacer(0.5);
		pacer.waitNanos(T0);
		assertThat(pacer.waitNanos(T0 + 300 * MS)).isEqualTo(600 * MS);
	}

	@Test
	void aLateLineIsDueAtOnceWithoutMovingTheLaterOnes() {
		ReplayPacer pacer = pacer(1);
		pacer.waitNanos(T0);
		advance(250);
		assertThat(pacer.waitNanos(T0 + 200 * MS)).isZero();
		assertThat(pacer.waitNanos(T0 + 400 * MS)).isEqualTo(150 * MS);
	}

	@Test
	void maxSendsEverythingAtOnceAndReportsTheLastLineAsPosition() {
		ReplayPacer pacer = new ReplayPacer(this.now::get, ReplaySpeed.AS_FAST_AS_POSSIBLE);
		assertThat(pacer.waitNanos(T0)).isZero();
		assertThat(pacer.waitNanos(T0 + 3_600_000 * MS)).isZero();
		advance(10);
		assertThat(pacer.originalNanos()).isEqualTo(T0 + 3_600_000 * MS);
	}

	@Test
	void aSpeedChangeGoesOnFromTheReplayClockWithoutSkippingOrRepeating() {
		// given: at 1x, 400 ms into a 1000 ms gap
		ReplayPacer pacer = pacer(1);
		pacer.waitNanos(T0);
		advance(400);
		// when: ten times faster
		pacer.speed(new ReplaySpeed(10));
		// then: the 600 ms of original time left take 60 ms
		assertThat(pacer.originalNanos()).isEqualTo(T0 + 400 * MS);
		assertThat(pacer.waitNanos(T0 + 1_000 * MS)).isEqualTo(60 * MS);
		assertThat(pacer.speed()).isEqualTo(new ReplaySpeed(10));
	}

	@Test
	void fromMaxToPacedTheNextGapCountsFromTheLastLineDue() {
		ReplayPacer pacer = new ReplayPacer(this.now::get, ReplaySpeed.AS_FAST_AS_POSSIBLE);
		pacer.waitNanos(T0);
		pacer.waitNanos(T0 + 500 * MS);
		advance(5);
		pacer.speed(new ReplaySpeed(2));
		assertThat(pacer.waitNanos(T0 + 900 * MS)).isEqualTo(200 * MS);
	}

	@Test
	void aPauseStopsTheReplayClockAndTheNextLineWaitsWhatItHadLeft() {
		ReplayPacer pacer = pacer(1);
		pacer.waitNanos(T0);
		advance(300);
		pacer.pause();
		assertThat(pacer.waitNanos(T0 + 1_000 * MS)).isEqualTo(Long.MAX_VALUE);
		advance(10_000);
		assertThat(pacer.originalNanos()).isEqualTo(T0 + 300 * MS);
		pacer.resume();
		assertThat(pacer.waitNanos(T0 + 1_000 * MS)).isEqualTo(700 * MS);
	}

	@Test
	void aSeekMakesTheNextLineDueAtOnceAndAnchorsThere() {
		ReplayPacer pacer = pacer(1);
		pacer.waitNanos(T0 + 5_000 * MS);
		advance(100);
		pacer.seek();
		// back in time
		assertThat(pacer.waitNanos(T0)).isZero();
		assertThat(pacer.waitNanos(T0 + 200 * MS)).isEqualTo(200 * MS);
		// and forward
		pacer.seek();
		assertThat(pacer.waitNanos(T0 + 60_000 * MS)).isZero();
		assertThat(pacer.waitNanos(T0 + 60_050 * MS)).isEqualTo(50 * MS);
	}

	@Test
	void aSeekWhilePausedWaitsForTheResume() {
		ReplayPacer pacer = pacer(1);
		pacer.waitNanos(T0);
		pacer.pause();
		pacer.seek();
		assertThat(pacer.waitNanos(T0 + 9_000 * MS)).isEqualTo(Long.MAX_VALUE);
		pacer.resume();
		assertThat(pacer.waitNanos(T0 + 9_000 * MS)).isZero();
		assertThat(pacer.waitNanos(T0 + 9_100 * MS)).isEqualTo(100 * MS);
	}

}
