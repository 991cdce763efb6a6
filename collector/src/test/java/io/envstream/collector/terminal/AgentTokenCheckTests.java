package io.envstream.collector.terminal;

import io.envstream.schemas.terminal.AgentToken;
import io.envstream.schemas.terminal.AgentTokens;
import io.envstream.schemas.terminal.InvalidAgentTokenException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AgentTokenCheckTests {

	private static final String MASTER = "gateway-master-secret-0123456789";

	private static final long NOW = 1_000_000L;

	private final AgentTokenCheck hostA = new AgentTokenCheck(AgentTokens.hostKey(MASTER, "host-a"), "host-a");

	private final AgentTokens gatewayForHostA = AgentTokens.forHost(MASTER, "host-a");

	@Test
	void acceptsATokenOnce() throws InvalidAgentTokenException {
		String token = this.gatewayForHostA.sign(token("host-a", "n-1", NOW + 10_000));

		assertThat(this.hostA.verify(token, NOW).user()).isEqualTo("alice");
		assertThatExceptionOfType(InvalidAgentTokenException.class).isThrownBy(() -> this.hostA.verify(token, NOW + 1))
			.withMessage("agent token already used");
	}

	@Test
	void acceptsTokensWithOtherNonces() throws InvalidAgentTokenException {
		this.hostA.verify(this.gatewayForHostA.sign(token("host-a", "n-1", NOW + 10_000)), NOW);

		assertThat(this.hostA.verify(this.gatewayForHostA.sign(token("host-a", "n-2", NOW + 10_000)), NOW).nonce())
			.isEqualTo("n-2");
	}

	@Test
	void refusesATokenTheGatewaySignedForAnotherHost() {
		String forHostB = AgentTokens.forHost(MASTER, "host-b").sign(token("host-b", "n-1", NOW + 10_000));

		assertThatExceptionOfType(InvalidAgentTokenException.class).isThrownBy(() -> this.hostA.verify(forHostB, NOW))
			.withMessage("agent token signature invalid");
	}

	@Test
	void aRefusedTokenDoesNotUseUpItsNonce() throws InvalidAgentTokenException {
		String early = this.gatewayForHostA.sign(token("host-a", "n-1", NOW + 30_000));

		assertThatExceptionOfType(InvalidAgentTokenException.class).isThrownBy(() -> this.hostA.verify(early, NOW))
			.withMessage("agent token lives longer than 10 s");
		assertThat(this.hostA.verify(early, NOW + 20_000).nonce()).isEqualTo("n-1");
	}

	private static AgentToken token(String hostId, String nonce, long expiresAtMillis) {
		return new AgentToken("alice", "env-1", hostId, "c0ffee", null, 0, 0, null, nonce, expiresAtMillis);
	}

}
