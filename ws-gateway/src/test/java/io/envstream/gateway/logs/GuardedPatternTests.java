package io.envstream.gateway.logs;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GuardedPatternTests {

	@Test
	void findsMatchesAnywhereInTheLine() {
		GuardedPattern pattern = GuardedPattern.compile("err(or)?", 10_000);
		assertThat(pattern.find("an error happened")).isTrue();
		assertThat(pattern.find("all fine")).isFalse();
		assertThat(pattern.tripped()).isFalse();
	}

	@Test
	void tripsOnACatastrophicPatternWithinItsBudgetAndThenMatchesNothing() {
		GuardedPattern pattern = GuardedPattern.compile("(x+x+)+y", 200_000);
		long started = System.nanoTime();
		assertThat(pattern.find("x".repeat(5000))).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		assertThat(pattern.tripped()).isTrue();
		assertThat(pattern.find("xy")).isFalse();
	}

	@Test
	void announcesATripOnlyOnce() {
		GuardedPattern pattern = GuardedPattern.compile("(x+x+)+y", 1_000);
		assertThat(pattern.claimTripNotice()).isFalse();
		pattern.find("x".repeat(100));
		assertThat(pattern.claimTripNotice()).isTrue();
		assertThat(pattern.claimTripNotice()).isFalse();
	}

	@Test
	void refusesInvalidAndOverlongPatternsWithAReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> GuardedPattern.compile("([a-z", 1000))
			.withMessageStartingWith("invalid regex");
		assertThatIllegalArgumentException().isThrownBy(() -> GuardedPattern.compile("a".repeat(1001), 1000))
			.withMessageContaining("longer than");
	}

}
