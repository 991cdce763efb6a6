package io.envstream.gateway.limits;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits besides the connection leases, {@code envstream.gateway.limits.*}.
 *
 * @param detachedTerminalSessions detached terminal sessions one user may hold, cluster-wide; a new
 *        terminal beyond it closes with 4429 (0: no new terminal while the user has any detached one)
 * @param detachedTerminalGrace how long a detached session counts at most: the agents' own
 *        {@code envstream.collector.terminal.detach-grace} or longer
 * @param addressConnectBurst WebSocket handshakes one client address may make at once, per gateway
 *        replica, before its token is read
 * @param addressConnectsPerSecond handshakes per second an address regains
 * @param restRequestBurst REST requests one user may make at once, per gateway replica
 * @param restRequestsPerSecond REST requests per second a user regains
 */
@ConfigurationProperties("envstream.gateway.limits")
@Validated
public record LimitsProperties(@DefaultValue("5") @PositiveOrZero int detachedTerminalSessions,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration detachedTerminalGrace,
		@DefaultValue("200") @Positive int addressConnectBurst,
		@DefaultValue("50") @Positive double addressConnectsPerSecond,
		@DefaultValue("100") @Positive int restRequestBurst,
		@DefaultValue("20") @Positive double restRequestsPerSecond) {

}
