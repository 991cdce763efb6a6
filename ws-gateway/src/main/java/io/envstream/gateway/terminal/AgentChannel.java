package io.envstream.gateway.terminal;

import java.io.IOException;
import java.net.http.HttpClient;

import io.envstream.schemas.terminal.AgentToken;
import io.envstream.schemas.terminal.AgentTokens;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * How this gateway reaches the terminal agents: a token for one host's agent, signed with that
 * host's key (derived from the master secret, so no agent's key opens another host), naming the
 * host as its audience, with a fresh nonce and {@code agent-token-ttl} (at most 10 s) of life; and
 * the connection, over TLS for a {@code wss} agent URL, trusting {@code ssl-bundle}'s trust
 * material (else the JDK's).
 */
@Component
class AgentChannel {

	private final TerminalProperties properties;

	private final HttpClient http;

	AgentChannel(TerminalProperties properties, SslBundles bundles) {
		this.properties = properties;
		HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(properties.agentConnectTimeout());
		if (StringUtils.hasText(properties.sslBundle())) {
			http.sslContext(bundles.getBundle(properties.sslBundle()).createSslContext());
		}
		// the JDK's client sets TCP_NODELAY on its sockets: keystrokes leave at once
		this.http = http.build();
	}

	/** Whether a master secret is configured, so tokens can be signed at all. */
	boolean enabled() {
		return this.properties.enabled();
	}

	/** The token that lets {@code user} open {@code request} in the environment's container on its host, once. */
	String token(String user, String environmentId, AgentDirectory.Agent agent, TerminalRequest request) {
		AgentToken token = new AgentToken(user, environmentId, agent.hostId(), agent.containerId(), request.session(),
				request.cols(), request.rows(), request.cmd(), AgentTokens.newNonce(),
				System.currentTimeMillis() + this.properties.agentTokenTtl().toMillis());
		return AgentTokens.forHost(this.properties.agentSecret(), agent.hostId()).sign(token);
	}

	/**
	 * Opens the relay's agent connection with the token.
	 * @throws IOException when the agent cannot be reached in time, or its certificate is not trusted
	 */
	void connect(AgentRelay relay, String token) throws IOException {
		relay.connect(this.http, token, this.properties.agentConnectTimeout());
	}

}
