package io.envstream.gateway.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectionTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final EndpointMetrics metrics = new EndpointMetrics(this.registry, "logs", "latency")
		.countingReconnections("resume");

	@Test
	void aReconnectionThatDeliveredCountsOnceAsSucceededWhateverFollows() {
		Reconnection reconnection = this.metrics.reconnection();

		reconnection.delivered();
		reconnection.delivered();
		reconnection.ended();

		assertThat(count("succeeded")).isEqualTo(1);
		assertThat(count("failed")).isZero();
	}

	@Test
	void aReconnectionThatEndedBeforeDeliveringCountsOnceAsFailed() {
		Reconnection reconnection = this.metrics.reconnection();

		reconnection.ended();
		reconnection.delivered();

		assertThat(count("succeeded")).isZero();
		assertThat(count("failed")).isEqualTo(1);
	}

	@Test
	void bothOutcomesAreExposedBeforeTheFirstReconnection() {
		assertThat(this.registry.find("envstream.gateway.reconnects").counters()).hasSize(2)
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	private double count(String outcome) {
		return this.registry.get("envstream.gateway.reconnects").tag("endpoint", "logs").tag("outcome", outcome)
			.counter()
			.count();
	}

}
