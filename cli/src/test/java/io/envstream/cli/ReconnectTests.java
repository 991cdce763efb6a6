package io.envstream.cli;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
		Reconnect reconnect = new Reconnect();

		for (int code : new int[] { 4401, 4403, 4404, 1008, 1009, 1000 }) {
			assertThat(reconnect.after(code)).as("close %d", code).isEmpty();
		}
		assertThat(reconnect.refreshToken()).isTrue();
		assertThat(reconnect.refreshToken()).as("one fresh token per delivering connection").isFalse();
	}

	@Test
	void saysTheCloseInWordsWithTheServersReason() {
		assertThat(Reconnect.describe(4403, "access to this environment denied"))
			.isEqualTo("you may not access this environment (access to this environment denied)");
		assertThat(Reconnect.describe(1001, "")).isEqualTo("the server is shutting down");
		assertThat(Reconnect.describe(4999, null)).isEqualTo("closed with code 4999");
	}

}
