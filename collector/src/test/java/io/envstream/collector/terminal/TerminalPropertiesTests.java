package io.envstream.collector.terminal;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void servesTerminalsOnlyWithAKey() {
		this.runner.run((context) -> assertThat(context.getBean(TerminalProperties.class).enabled()).isFalse());
		this.runner.withPropertyValues("envstream.collector.terminal.key=r8FqM-U_dJKAunfNQvttx4tZVDhCVEO4qL7htwcoeDs")
			.run((context) -> assertThat(context.getBean(TerminalProperties.class).enabled()).isTrue());
	}

	@Test
	void refusesTheFormerSharedSecretSayingWhatReplacesIt() {
		this.runner.withPropertyValues("envstream.collector.terminal.secret=the-old-shared-secret-0123456789")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("secret is no longer read: set key to this host's own agent key"));
	}

	@Test
	void refusesAShortKey() {
		this.runner.withPropertyValues("envstream.collector.terminal.key=short")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("key must be empty (terminals disabled) or have at least 16 bytes"));
	}

	@Test
	void neverPrintsTheKey() {
		this.runner.withPropertyValues("envstream.collector.terminal.key=r8FqM-U_dJKAunfNQvttx4tZVDhCVEO4qL7htwcoeDs")
			.run((context) -> assertThat(context.getBean(TerminalProperties.class).toString()).contains("key=(set)")
				.doesNotContain("r8FqM"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TerminalProperties.class)
	static class PropertiesConfiguration {

	}

}
