package io.envstream.schemas.terminal;

/**
 * What the gateway allows when it opens a terminal session on a collector agent: this user, in this
 * environment's container on this host, with this initial size and command, or reattaching this
 * session, once. The agent trusts it only when {@link AgentTokens#verify signed} with its own host's
 * key, addressed to its host, not used before and not expired.
 *
 * @param user subject of the caller's JWT (only this user may reattach the session)
 * @param environmentId the environment the session belongs to
 * @param hostId the audience: the host whose agent may accept the token
 * @param containerId the container the shell runs in
 * @param session the session to reattach, or {@code null} for a new one
 * @param cols initial PTY width, or 0 for the agent's default
 * @param rows initial PTY height, or 0 for the agent's default
 * @param cmd the command asked for, or {@code null} for the default shell
 * @param nonce random and unique per token: the agent accepts a nonce once
 * @param expiresAtMillis after this instant (milliseconds since the Unix epoch) the token is refused
 */
public record AgentToken(String user, String environmentId, String hostId, String containerId, String session,
		int cols, int rows, String cmd, String nonce, long expiresAtMillis) {

	public AgentToken {
		requireText(user, "user");
		requireText(environmentId, "environmentId");
		requireText(hostId, "hostId");
		requireText(containerId, "containerId");
		requireText(nonce, "nonce");
		if (cols < 0 || cols > 65535 || rows < 0 || rows > 65535) {
			throw new IllegalArgumentException("cols and rows must be within 0..65535");
		}
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
	}

}
