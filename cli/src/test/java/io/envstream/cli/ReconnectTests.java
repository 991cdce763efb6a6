package io.envstream.cli;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectTests {

	@Test
	void backsOffOneTwoFourEightSixteenSecondsThenGivesUp() {
		Reconnect reconnect = new Reconnect(Reconnect.BACKOFF, () -> 0);

		assertThat(reconnect.after(1001)).contains(Duration.ofSeconds(1));
		assertThat(reconnect.after(1006)).contains(Duration.ofSeconds(2));
		assertThat(reconnect.after(1011)).contains(Duration.ofSeconds(4));
		assertThat(reconnect.after(4429)).contains(Duration.ofSeconds(8));
		assertThat(reconnect.after(4429)).contains(Duration.ofSeconds(16));
		assertThat(reconnect.after(4429)).isEmpty();
	}

	@Test
	void countsAgainFromAConnectionThatDeliveredAndAddsUpToAFifthAsJitter() {
		Reconnect reconnect = new Reconnect(Reconnect.BACKOFF, () -> 1);
		reconnect.after(1006);
		reconnect.after(1006);
		reconnect.delivered();

		assertThat(reconnect.after(1006)).contains(Duration.ofMillis(1200));
	}

	@Test
	void neverRetriesWhatRetryingCannotFix() {
		Reconnect reconnect = new Reconnect(Reconnect.BACKOFF, () -> 0);

		for (int code : new int[] { 4401, 4403, 4404, 1008, 1009, 1000 }) {
			assertThat(reconnect.after(code)).as("close %d", code).isEmpty();
		}
		assertThat(reconnect.refreshToken()).isTrue();
		assertThat(reconnect.refreshToken()).as("one fresh token per delivering connection").isFalse();
	}

	@Test
	void takesTheFirstWaitFromTheEnvironmentAndDoublesIt() {
		assertThat(Reconnect.schedule(Target.firstWait("100ms"))).containsExactly(Duration.ofMillis(100),
				Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600));
		assertThat(Target.firstWait("2s")).isEqualTo(Duration.ofSeconds(2));
		assertThat(Target.firstWait(null)).isEqualTo(Duration.ofSeconds(1));
		for (String bad : new String[] { "0ms", "fast", "1.5s", "-1s" }) {
			assertThatThrownBy(() -> Target.firstWait(bad)).as(bad)
				.isInstanceOfSatisfying(CliException.class, (ex) -> assertThat(ex.exitCode()).isEqualTo(Exit.USAGE))
				.hasMessageContaining("ENVSTREAM_RECONNECT_BACKOFF=" + bad);
		}
	}

	@Test
	void saysTheCloseInWordsWithTheServersReason() {
		assertThat(Reconnect.describe(4403, "access to this environment denied"))
			.isEqualTo("you may not access this environment (access to this environment denied)");
		assertThat(Reconnect.describe(1001, "")).isEqualTo("the server is shutting down");
		assertThat(Reconnect.describe(4999, null)).isEqualTo("closed with code 4999");
	}

}
