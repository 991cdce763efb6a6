package io.envstream.gateway.logs;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayControlsTests {

	private static final long MS = 1_000_000L;

	private static final long T0 = 1_700_000_000_000L * MS;

	private final AtomicLong now = new AtomicLong();

	private ReplayControls controls(Instant until) {
		return new ReplayControls(new ReplayRequest(new ReplaySpeed(1), until), this.now::get);
	}

	@Test
	void aReaderRetiredBySeekCannotAnchorTheReplayClockOnItsOldPosition() {
		// given: the first reader, waiting 30 s for its next line
		ReplayControls controls = controls(null);
		controls.readBy(0);
		assertThat(controls.waitNanos(0, T0)).isZero();
		assertThat(controls.waitNanos(0, T0 + 30_000 * MS)).isEqualTo(30_000 * MS);
		// when: a seek hands the replay to reader 1, and reader 0 asks once more before it notices
		controls.seek(1);
		assertThat(controls.waitNanos(0, T0 + 30_000 * MS)).as("the retired reader").isZero();
		// then: the new reader's first line anchors, not the retired reader's
		assertThat(controls.waitNanos(1, T0 + 60_000 * MS)).isZero();
		assertThat(controls.waitNanos(1, T0 + 60_500 * MS)).isEqualTo(500 * MS);
	}

	@Test
	void endsBeforeTheFirstLineAtOrAfterUntil() {
		Instant until = Instant.ofEpochSecond(0, T0 + 1_000 * MS);
		ReplayControls controls = controls(until);
		assertThat(controls.hasEnd()).isTrue();
		assertThat(controls.endsBefore(T0 + 999 * MS)).isFalse();
		assertThat(controls.endsBefore(T0 + 1_000 * MS)).isTrue();
		assertThat(controls.endPassed(T0)).isFalse();
		assertThat(controls.endPassed(T0 + 2_000 * MS)).isTrue();
		assertThat(controls(null).hasEnd()).isFalse();
		assertThat(controls(null).endsBefore(Long.MAX_VALUE - 1)).isFalse();
	}

	@Test
	void aSeekAfterJoiningLivePacesAgain() {
		ReplayControls controls = controls(null);
		controls.joinedLive();
		assertThat(controls.hasJoinedLive()).isTrue();
		controls.seek(3);
		assertThat(controls.hasJoinedLive()).isFalse();
	}

}
