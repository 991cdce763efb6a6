package io.envstream.collector.terminal;

import io.envstream.schemas.terminal.AgentToken;
import io.envstream.schemas.terminal.AgentTokens;
import io.envstream.schemas.terminal.InvalidAgentTokenException;

/**
 * Whether a gateway may open what its agent token asks for here: signed with this host's key,
 * addressed to this host, not expired, at most 10 s long, and not used before.
 */
final class AgentTokenCheck {

	private final AgentTokens tokens;

	private final String hostId;

	private final UsedNonces nonces = new UsedNonces();

	/** @param key this host's agent key */
	AgentTokenCheck(String key, String hostId) {
		this.tokens = new AgentTokens(key);
		this.hostId = hostId;
	}

	/** @throws InvalidAgentTokenException saying why the token is refused */
	AgentToken verify(String token, long nowMillis) throws InvalidAgentTokenException {
		AgentToken verified = this.tokens.verify(token, this.hostId, nowMillis);
		if (!this.nonces.use(verified.nonce(), verified.expiresAtMillis(), nowMillis)) {
			throw new InvalidAgentTokenException("agent token already used");
		}
		return verified;
	}

}
