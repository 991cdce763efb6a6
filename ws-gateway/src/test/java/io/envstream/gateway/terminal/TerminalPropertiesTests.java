package io.envstream.gateway.terminal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void agentTokensLiveTenSecondsByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(TerminalProperties.class).agentTokenTtl())
			.isEqualTo(Duration.ofSeconds(10)));
	}

	@Test
	void refusesAnAgentTokenTtlAboveTenSecondsAtStartUp() {
		this.runner.withPropertyValues("envstream.gateway.terminal.agent-token-ttl=11s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("agent-token-ttl must be at most 10s: agents refuse tokens that live longer"));
	}

	@Test
	void neverPrintsTheMasterSecret() {
		this.runner.withPropertyValues("envstream.gateway.terminal.agent-secret=the-master-secret-0123456789")
			.run((context) -> assertThat(context.getBean(TerminalProperties.class).toString())
				.contains("agentSecret=(set)")
				.doesNotContain("the-master-secret"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TerminalProperties.class)
	static class PropertiesConfiguration {

	}

}
