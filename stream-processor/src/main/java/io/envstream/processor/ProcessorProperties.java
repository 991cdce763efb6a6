package io.envstream.processor;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the stream-processor, {@code envstream.processor.*}.
 *
 * @param batchMaxLines a batch closes when it holds this many lines
 * @param batchMaxWait a batch closes when its first line is this old
 * @param retention how long persisted lines are kept in PostgreSQL
 * @param partitions partitions of the topics the processor creates
 */
@ConfigurationProperties("envstream.processor")
@Validated
record ProcessorProperties(
		@DefaultValue("100") @Positive int batchMaxLines,
		@DefaultValue("100ms") @NotNull @DurationMin(millis = 1) Duration batchMaxWait,
		@DefaultValue("7d") @NotNull @DurationMin(millis = 1) Duration retention,
		@DefaultValue("12") @Positive int partitions) {

}
