package io.envstream.gateway.terminal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.envstream.schemas.terminal.AgentTokens;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway reaches the collector agents for terminals, {@code envstream.gateway.terminal.*}.
 *
 * @param agentSecret the master secret each host's agent key is derived from
 * ({@link AgentTokens#hostKey}); empty: terminal connections close with 1011
 * @param agentTokenTtl how long an agent token is valid, at most 10 s (it is used at once)
 * @param agentConnectTimeout how long opening the agent's WebSocket may take
 * @param sslBundle the SSL bundle ({@code spring.ssl.bundle.*}) whose trust material checks the
 * certificates of {@code wss} agents; empty: the JDK's default trust store
 */
@ConfigurationProperties("envstream.gateway.terminal")
@Validated
record TerminalProperties(String agentSecret, @DefaultValue("10s") @NotNull @DurationMin(seconds = 1) Duration agentTokenTtl,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration agentConnectTimeout, String sslBundle) {

	boolean enabled() {
		return this.agentSecret != null && !this.agentSecret.isEmpty();
	}

	@AssertTrue(message = "agent-secret must be empty (terminals disabled) or have at least "
			+ AgentTokens.MIN_SECRET_BYTES + " bytes")
	boolean isAgentSecretLongEnough() {
		return !enabled() || this.agentSecret.getBytes(StandardCharsets.UTF_8).length >= AgentTokens.MIN_SECRET_BYTES;
	}

	@AssertTrue(message = "agent-token-ttl must be at most 10s: agents refuse tokens that live longer")
	boolean isAgentTokenTtlAtMostTheMaximum() {
		return this.agentTokenTtl == null || this.agentTokenTtl.compareTo(AgentTokens.MAX_TTL) <= 0;
	}

	@Override
	public String toString() {
		// never print the secret
		return "TerminalProperties[agentSecret=" + (enabled() ? "(set)" : "(none)") + ", agentTokenTtl="
				+ this.agentTokenTtl + ", agentConnectTimeout=" + this.agentConnectTimeout + ", sslBundle="
				+ this.sslBundle + "]";
	}

}
