package io.envstream.gateway;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ws-gateway, {@code envstream.gateway.*}.
 *
 * @param heartbeatInterval how often the gateway pings an idle connection
 * @param heartbeatTimeout a connection silent for this long is closed
 * @param maxConnectionsPerUser open connections one user may hold, cluster-wide
 * @param maxConnectionsPerEnvironment open connections to one environment, cluster-wide
 * @param maxMessageSize largest WebSocket message accepted or sent
 * @param maxBatchLines most log lines in one message to a client
 * @param defaultTail history lines sent on subscribe when the client names none
 * @param maxTail most history lines a client may ask for
 */
@ConfigurationProperties("envstream.gateway")
@Validated
record GatewayProperties(
		@DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration heartbeatInterval,
		@DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration heartbeatTimeout,
		@DefaultValue("50") @Positive int maxConnectionsPerUser,
		@DefaultValue("10") @Positive int maxConnectionsPerEnvironment,
		@DefaultValue("1MB") @NotNull DataSize maxMessageSize,
		@DefaultValue("100") @Positive int maxBatchLines,
		@DefaultValue("100") @PositiveOrZero int defaultTail,
		@DefaultValue("10000") @Positive int maxTail) {

	@AssertTrue(message = "heartbeat-timeout must be longer than heartbeat-interval")
	boolean isHeartbeatTimeoutLongerThanInterval() {
		return this.heartbeatTimeout == null || this.heartbeatInterval == null
				|| this.heartbeatTimeout.compareTo(this.heartbeatInterval) > 0;
	}

	@AssertTrue(message = "max-message-size must be positive")
	boolean isMaxMessageSizePositive() {
		return this.maxMessageSize == null || this.maxMessageSize.toBytes() > 0;
	}

	@AssertTrue(message = "default-tail must not exceed max-tail")
	boolean isDefaultTailWithinMaxTail() {
		return this.defaultTail <= this.maxTail;
	}

}
