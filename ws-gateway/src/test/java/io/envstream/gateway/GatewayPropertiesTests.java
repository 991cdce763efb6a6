package io.envstream.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsDefaultsWhenNothingIsSet() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(GatewayProperties.class));
	}

	@Test
	void rejectsZeroMaxConnectionsPerUserNamingTheProperty() {
		this.runner.withPropertyValues("envstream.gateway.max-connections-per-user=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("envstream.gateway")
				.hasMessageContaining("maxConnectionsPerUser"));
	}

	@Test
	void rejectsHeartbeatTimeoutNotLongerThanTheInterval() {
		this.runner
			.withPropertyValues("envstream.gateway.heartbeat-interval=30s", "envstream.gateway.heartbeat-timeout=30s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("heartbeat-timeout must be longer than heartbeat-interval"));
	}

	@Test
	void rejectsZeroMaxMessageSize() {
		this.runner.withPropertyValues("envstream.gateway.max-message-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("max-message-size must be positive"));
	}

	@Test
	void rejectsDefaultTailAboveMaxTail() {
		this.runner.withPropertyValues("envstream.gateway.default-tail=200", "envstream.gateway.max-tail=100")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("default-tail must not exceed max-tail"));
	}

	@Test
	void acceptsZeroDefaultTail() {
		this.runner.withPropertyValues("envstream.gateway.default-tail=0")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GatewayProperties.class)
	static class PropertiesConfiguration {

	}

}
