package io.envstream.gateway.alerts;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway finds the alerts app, {@code envstream.gateway.alerts.*}.
 *
 * @param url the alerts app's internal HTTP address, e.g. {@code http://alerts:8084}; none: the rules page answers 503
 * @param timeout how long connecting to it and its answer may take
 */
@ConfigurationProperties("envstream.gateway.alerts")
@Validated
record AlertsProperties(URI url, @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration timeout) {

}
