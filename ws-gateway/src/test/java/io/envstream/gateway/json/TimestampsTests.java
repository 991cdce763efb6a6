package io.envstream.gateway.json;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTests {

	@Test
	void writesTimestampsInUtcWithAtLeastMilliseconds() {
		StringBuilder out = new StringBuilder();
		Timestamps.append(out, 1_759_320_000_000_000_000L);
		assertThat(out).hasToString("2025-10-01T12:00:00.000Z");
		out.setLength(0);
		Timestamps.append(out, 1_759_320_000_123_456_789L);
		assertThat(out).hasToString("2025-10-01T12:00:00.123456789Z");
	}

	@Test
	void writesMillisecondsOfAStateOrSample() {
		assertThat(Timestamps.ofMillis(1_759_320_000_123L)).isEqualTo("2025-10-01T12:00:00.123Z");
	}

}
