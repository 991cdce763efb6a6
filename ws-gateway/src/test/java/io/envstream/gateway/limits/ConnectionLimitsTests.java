package io.envstream.gateway.limits;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionLimitsTests {

	@Test
	void writesDurationsAsPostgresIntervalsInMilliseconds() {
		assertThat(ConnectionLimits.interval(Duration.ofSeconds(90))).isEqualTo("90000 milliseconds");
		assertThat(ConnectionLimits.interval(Duration.ofMillis(1500))).isEqualTo("1500 milliseconds");
	}

}
