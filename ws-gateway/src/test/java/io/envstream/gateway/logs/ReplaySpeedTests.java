package io.envstream.gateway.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplaySpeedTests {

	@Test
	void acceptsAQuarterToAHundredOrMax() {
		assertThat(ReplaySpeed.parse("0.25").factor()).isEqualTo(0.25);
		assertThat(ReplaySpeed.parse("100").factor()).isEqualTo(100);
		assertThat(ReplaySpeed.parse("max").isMax()).isTrue();
		for (String bad : new String[] { "0.24", "100.5", "0", "-1", "Infinity", "NaN", "MAX", "", "1x" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> ReplaySpeed.parse(bad))
				.withMessage("speed must be a number from 0.25 to 100, or max");
		}
	}

	@Test
	void writesItselfAsTheProtocolDoes() {
		assertThat(ReplaySpeed.parse("10.0").json()).isEqualTo("10");
		assertThat(ReplaySpeed.parse("0.25").json()).isEqualTo("0.25");
		assertThat(ReplaySpeed.AS_FAST_AS_POSSIBLE.json()).isEqualTo("\"max\"");
	}

}
