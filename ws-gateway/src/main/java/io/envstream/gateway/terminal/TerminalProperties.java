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
 * @param agentSecret the secret shared with the agents, signing agent tokens; empty: terminal
 * connections close with 1011
 * @param agentTokenTtl how long an agent token is valid (it is used at once; the margin covers clock skew)
 * @param agentConnectTimeout how long opening the agent's WebSocket may take
 */
@ConfigurationProperties("envstream.gateway.terminal")
@Validated
record TerminalProperties(String agentSecret, @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration agentTokenTtl,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration agentConnectTimeout) {

	boolean enabled() {
		return this.agentSecret != null && !this.agentSecret.isEmpty();
	}

	@AssertTrue(message = "agent-secret must be empty (terminals disabled) or have at least "
			+ AgentTokens.MIN_SECRET_BYTES + " bytes")
	boolean isAgentSecretLongEnough() {
		return !enabled() || this.agentSecret.getBytes(StandardCharsets.UTF_8).length >= AgentTokens.MIN_SECRET_BYTES;
	}

	@Override
	public String toString() {
		// never print the secret
		return "TerminalProperties[agentSecret=" + (enabled() ? "(set)" : "(none)") + ", agentTokenTtl="
				+ this.agentTokenTtl + ", agentConnectTimeout=" + this.agentConnectTimeout + "]";
	}

}
