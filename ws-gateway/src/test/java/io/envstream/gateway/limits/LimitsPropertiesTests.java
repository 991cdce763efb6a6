package io.envstream.gateway.limits;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsTheDocumentedDefaults() {
		this.runner.run((context) -> assertThat(context.getBean(LimitsProperties.class))
			.isEqualTo(new LimitsProperties(5, Duration.ofMinutes(5), 200, 50, 100, 20)));
	}

	@Test
	void bindsAFractionalRate() {
		this.runner.withPropertyValues("envstream.gateway.limits.rest-requests-per-second=0.5")
			.run((context) -> assertThat(context.getBean(LimitsProperties.class).restRequestsPerSecond()).isEqualTo(0.5));
	}

	@Test
	void rejectsAZeroAddressConnectRateNamingTheProperty() {
		this.runner.withPropertyValues("envstream.gateway.limits.address-connects-per-second=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("envstream.gateway.limits")
				.hasMessageContaining("addressConnectsPerSecond"));
	}

	@Test
	void rejectsANegativeDetachedSessionCapAndAGraceUnderASecond() {
		this.runner.withPropertyValues("envstream.gateway.limits.detached-terminal-sessions=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("detachedTerminalSessions"));
		this.runner.withPropertyValues("envstream.gateway.limits.detached-terminal-grace=500ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("detachedTerminalGrace"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LimitsProperties.class)
	static class PropertiesConfiguration {

	}

}
