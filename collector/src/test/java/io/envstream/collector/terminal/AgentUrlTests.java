package io.envstream.collector.terminal;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AgentUrlTests {

	private final MockEnvironment environment = new MockEnvironment().withProperty("local.server.port", "18081");

	@Test
	void followsTheAddressAndPortTheAgentListensOn() {
		this.environment.setProperty("server.address", "10.0.0.12");

		assertThat(AgentUrl.advertised(null, true, this.environment)).isEqualTo("ws://10.0.0.12:18081/internal/terminal");
	}

	@Test
	void isWssWhenTheServerHasTls() {
		this.environment.withProperty("server.address", "127.0.0.1").setProperty("server.ssl.bundle", "agent");

		assertThat(AgentUrl.advertised("", true, this.environment)).isEqualTo("wss://127.0.0.1:18081/internal/terminal");
	}

	@Test
	void bracketsAnIpv6Address() {
		this.environment.setProperty("server.address", "fd00::12");

		assertThat(AgentUrl.advertised(null, true, this.environment)).isEqualTo("ws://[fd00::12]:18081/internal/terminal");
	}

	@Test
	void prefersTheConfiguredUrl() {
		this.environment.setProperty("server.address", "0.0.0.0");

		assertThat(AgentUrl.advertised(" wss://host-a.internal:8443/internal/terminal ", true, this.environment))
			.isEqualTo("wss://host-a.internal:8443/internal/terminal");
	}

	@Test
	void advertisesNoneWithoutAKey() {
		assertThat(AgentUrl.advertised(null, false, this.environment)).isNull();
	}

	@Test
	void refusesToGuessWhenListeningOnEveryInterface() {
		this.environment.setProperty("server.address", "0.0.0.0");

		assertThatIllegalStateException().isThrownBy(() -> AgentUrl.advertised(null, true, this.environment))
			.withMessageContaining("envstream.collector.agent-url is not set and the agent listens on every interface");
	}

}
