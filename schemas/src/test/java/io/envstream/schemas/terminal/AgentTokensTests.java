package io.envstream.schemas.terminal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AgentTokensTests {

	private static final String SECRET = "a-shared-secret-of-some-length";

	private final AgentTokens tokens = new AgentTokens(SECRET);

	private final AgentToken token = new AgentToken("alice", "env.1", "3f2a9c", null, 120, 30, "/bin/sh -l", 10_000L);

	@Test
	void verifiesWhatItSigned() throws InvalidAgentTokenException {
		assertThat(this.tokens.verify(this.tokens.sign(this.token), 9_999L)).isEqualTo(this.token);
	}

	@Test
	void keepsAValueThatContainsTheSeparatorApart() throws InvalidAgentTokenException {
		AgentToken dotted = new AgentToken("a.b", "env", "c", "s.1", 0, 0, "x.y", 5L);

		assertThat(this.tokens.verify(this.tokens.sign(dotted), 0L)).isEqualTo(dotted);
	}

	@Test
	void refusesAMissingToken() {
		assertThatExceptionOfType(InvalidAgentTokenException.class).isThrownBy(() -> this.tokens.verify(null, 0L))
			.withMessage("agent token missing");
		assertThatExceptionOfType(InvalidAgentTokenException.class).isThrownBy(() -> this.tokens.verify(" ", 0L))
			.withMessage("agent token missing");
	}

	@Test
	void refusesATokenSignedWithAnotherSecret() {
		String forged = new AgentTokens("another-secret-of-some-length").sign(this.token);

		assertThatExceptionOfType(InvalidAgentTokenException.class).isThrownBy(() -> this.tokens.verify(forged, 0L))
			.withMessage("agent token signature invalid");
	}

	@Test
	void refusesATokenWhoseContentWasChanged() {
		String signed = this.tokens.sign(this.token);
		String otherUser = this.tokens.sign(new AgentToken("mallory", "env.1", "3f2a9c", null, 120, 30, "/bin/sh -l",
				10_000L));
		String tampered = otherUser.substring(0, otherUser.lastIndexOf('.')) + signed.substring(signed.lastIndexOf('.'));

		assertThatExceptionOfType(InvalidAgentTokenException.class).isThrownBy(() -> this.tokens.verify(tampered, 0L))
			.withMessage("agent token signature invalid");
	}

	@Test
	void refusesAnExpiredToken() {
		String signed = this.tokens.sign(this.token);

		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.tokens.verify(signed, 10_001L))
			.withMessage("agent token expired");
	}

	@Test
	void refusesGarbage() {
		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.tokens.verify("not-a-token", 0L))
			.withMessage("agent token malformed");
		assertThatExceptionOfType(InvalidAgentTokenException.class)
			.isThrownBy(() -> this.tokens.verify("v1.a.b.c.d.e.f.g.h.!!", 0L))
			.withMessage("agent token malformed");
	}

	@Test
	void refusesAShortSecret() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AgentTokens("short"))
			.withMessageContaining("at least 16 bytes");
	}

}
