package io.envstream.collector.terminal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.envstream.schemas.terminal.AgentTokens;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Terminal sessions the agent serves to the gateway, {@code envstream.collector.terminal.*}.
 *
 * @param key this host's own agent key, derived from the gateways' master secret and the host id
 * ({@link AgentTokens#hostKey}); empty: every terminal connection is refused
 * @param commands what a client may ask to run with {@code cmd} (besides the default shell)
 * @param detachGrace how long a detached session keeps running without a client
 * @param replayCharacters most characters of output kept for a detached session's replay
 * @param defaultCols PTY width when the client gives none
 * @param defaultRows PTY height when the client gives none
 * @param heartbeatInterval how often the gateway's connection is pinged
 * @param heartbeatTimeout a connection without a pong this long is closed (and its session ended,
 * unless detached)
 * @param secret the former shared secret: refused at start-up, since a collector now holds only
 * its own host's key
 */
@ConfigurationProperties("envstream.collector.terminal")
@Validated
public record TerminalProperties(String key, @DefaultValue({ "/bin/bash", "/bin/sh" }) @NotNull List<String> commands,
		@DefaultValue("5m") @NotNull @DurationMin(millis = 1) Duration detachGrace,
		@DefaultValue("262144") @Positive int replayCharacters,
		@DefaultValue("80") @Positive @Max(65535) int defaultCols,
		@DefaultValue("24") @Positive @Max(65535) int defaultRows,
		@DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration heartbeatInterval,
		@DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration heartbeatTimeout, String secret) {

	/** Whether a key is configured, so terminal sessions can be opened at all. */
	public boolean enabled() {
		return this.key != null && !this.key.isEmpty();
	}

	@AssertTrue(message = "key must be empty (terminals disabled) or have at least " + AgentTokens.MIN_SECRET_BYTES
			+ " bytes")
	boolean isKeyLongEnough() {
		return !enabled() || this.key.getBytes(StandardCharsets.UTF_8).length >= AgentTokens.MIN_SECRET_BYTES;
	}

	@AssertTrue(message = "secret is no longer read: set key to this host's own agent key, derived from the gateways'"
			+ " agent-secret and the host id (see the collector README)")
	boolean isSharedSecretAbsent() {
		return this.secret == null || this.secret.isEmpty();
	}

	@AssertTrue(message = "heartbeat-timeout must be longer than heartbeat-interval")
	boolean isHeartbeatTimeoutLongerThanInterval() {
		return this.heartbeatInterval == null || this.heartbeatTimeout == null
				|| this.heartbeatTimeout.compareTo(this.heartbeatInterval) > 0;
	}

	@Override
	public String toString() {
		// never print the key
		return "TerminalProperties[key=" + (enabled() ? "(set)" : "(none)") + ", commands=" + this.commands
				+ ", detachGrace=" + this.detachGrace + ", replayCharacters=" + this.replayCharacters + ", heartbeatInterval=" + this.heartbeatInterval
				+ ", heartbeatTimeout=" + this.heartbeatTimeout + "]";
	}

}
