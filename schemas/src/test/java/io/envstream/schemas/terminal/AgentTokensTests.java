package io.envstream.schemas.terminal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AgentTokensTests {

	private static final String MASTER = "a-master-secret-of-some-length";

	private static final long NOW = 1_000_000L;

	private final AgentTokens hostA = AgentTokens.forHost(MASTER, "host-a");

	private final AgentToken token = token("host-a", NOW + 10_000L);

	@Test
	void verifiesWhatItSigned() throws InvalidAgentTokenException {
		assertThat(this.hostA.verify(this.hostA.sign(this.token), "host-a", NOW)).isEqualTo(this.token);
	}

	@Test
	void derivesTheHostKeyAsTheDocumentedOpensslCommandDoes() {
		// printf 'agent-key:%s' host-a | openssl dgst -sha256 -hmac a-master-secret-of-some-length -binary | base64 | tr '+/' '-_' | tr -d '='
		assertThat(AgentTokens.hostKey(MASTER, "host-a")).isEqualTo("r8FqM-U_dJKAunfNQvttx4tZVDhCVEO4qL7htwcoeDs");
	}

	@Test
	void givesEveryHostAKeyOfItsOwn() {
		assertThat(AgentTokens.hostKey(MASTER, "host-a")).isNotEqualTo(AgentTokens.hostKey(MASTER, "host-b"))
			.isNotEqualTo(AgentTokens.hostKey("another-master-secret-of-length", "host-a"));
	}

	@Test
	void anAgentHoldingItsHostKeyVerifiesWhatTheGatewaySignedWithTheMaster() throws InvalidAgentTokenException {
		AgentTokens agent = new AgentTokens(AgentTokens.hostKey(MASTER, "host-a"));

		assertThat(agent.verify(this.hostA.sign(this.token), "host-a", NOW)).isEqualTo(this.token);
	}

	@Test
	void refusesATokenSignedForAnotherHost() {
		AgentTokens hostB = AgentTokens.forHost(MASTER, "host-b");
		String forHostB = hostB.sign(token("host-b", NOW + 10_000L));

		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.hostA.verify(forHostB, "host-a", NOW))
			.withMessage("agent token signature invalid");
	}

	@Test
	void refusesATokenAddressedToAnotherHostEvenWithTheRightKey() {
		// two hosts wrongly given one key still do not accept each other's tokens
		String addressedToB = this.hostA.sign(token("host-b", NOW + 10_000L));

		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.hostA.verify(addressedToB, "host-a", NOW))
			.withMessage("agent token is for another host");
	}

	@Test
	void keepsAValueThatContainsTheSeparatorApart() throws InvalidAgentTokenException {
		AgentToken dotted = new AgentToken("a.b", "env", "host.a", "c", "s.1", 0, 0, "x.y", "n.1", NOW);

		assertThat(this.hostA.verify(this.hostA.sign(dotted), "host.a", NOW)).isEqualTo(dotted);
	}

	@Test
	void refusesAMissingToken() {
		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.hostA.verify(null, "host-a", NOW))
			.withMessage("agent token missing");
		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.hostA.verify(" ", "host-a", NOW))
			.withMessage("agent token missing");
	}

	@Test
	void refusesATokenSignedWithAnotherKey() {
		String forged = new AgentTokens("another-secret-of-some-length").sign(this.token);

		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.hostA.verify(forged, "host-a", NOW))
			.withMessage("agent token signature invalid");
	}

	@Test
	void refusesATokenWhoseContentWasChanged() {
		String signed = this.hostA.sign(this.token);
		String otherUser = this.hostA.sign(new AgentToken("mallory", "env.1", "host-a", "3f2a9c", null, 120, 30,
				"/bin/sh -l", "nonce-1", NOW + 10_000L));
		String tampered = otherUser.substring(0, otherUser.lastIndexOf('.')) + signed.substring(signed.lastIndexOf('.'));

		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.hostA.verify(tampered, "host-a", NOW))
			.withMessage("agent token signature invalid");
	}

	@Test
	void refusesAnExpiredToken() {
		String signed = this.hostA.sign(this.token);

		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.hostA.verify(signed, "host-a", NOW + 10_001L))
			.withMessage("agent token expired");
	}

	@Test
	void refusesATokenThatWouldLiveLongerThanTenSecondsAndTheClockSkew() throws InvalidAgentTokenException {
		String atTheLimit = this.hostA.sign(token("host-a", NOW + 15_000L));
		String tooLong = this.hostA.sign(token("host-a", NOW + 15_001L));

		assertThat(this.hostA.verify(atTheLimit, "host-a", NOW)).isNotNull();
		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.hostA.verify(tooLong, "host-a", NOW))
			.withMessage("agent token lives longer than 10 s");
	}

	@Test
	void refusesGarbageAndTheFormerVersion() {
		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.hostA.verify("not-a-token", "host-a", NOW))
			.withMessage("agent token malformed");
		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.hostA.verify("v2.a.b.c.d.e.f.g.h.i.j.!!", "host-a", NOW))
			.withMessage("agent token malformed");
		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.hostA.verify("v1.a.b.c.d.e.f.g.h.sig", "host-a", NOW))
			.withMessage("agent token malformed");
	}

	@Test
	void makesADifferentNonceEachTime() {
		assertThat(AgentTokens.newNonce()).hasSize(22).isNotEqualTo(AgentTokens.newNonce());
	}

	@Test
	void refusesAShortKeyOrMasterSecret() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AgentTokens("short"))
			.withMessage("the agent key must have at least 16 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> AgentTokens.forHost("short", "host-a"))
			.withMessage("the agent master secret must have at least 16 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> AgentTokens.hostKey(MASTER, ""))
			.withMessage("a host id is needed to derive its agent key");
	}

	private static AgentToken token(String hostId, long expiresAtMillis) {
		return new AgentToken("alice", "env.1", hostId, "3f2a9c", null, 120, 30, "/bin/sh -l", "nonce-1",
				expiresAtMillis);
	}

}
