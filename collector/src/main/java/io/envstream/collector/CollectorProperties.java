package io.envstream.collector;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import io.envstream.collector.discovery.LabelSelector;
import io.envstream.collector.logs.LogSources;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the collector, {@code envstream.collector.*}.
 *
 * @param hostId this Docker host's identity; empty means the engine's ID
 * @param dockerHost the Docker engine to watch
 * @param statsInterval how often container stats are published
 * @param maxLineBytes longest log line shipped as is; longer lines are cut
 * @param bufferSize most bytes of records waiting for Kafka; reading pauses beyond
 * @param transactionInterval least time from the start of one Kafka transaction to the start of the next: what a
 * line may wait while the host is busy, so that a transaction carries more (0: none); the lines' batch window,
 * since the stream processor passes a caught-up record's lines on at once (and commits them within 20 ms)
 * @param agentUrl the terminal agent's URL put in environment descriptors; empty: the agent's own
 * address, port and scheme when it has a terminal key, else none
 * @param labelSelector label terms ({@code key} or {@code key=value}) an environment container must
 * also match to be followed; empty: every environment container of the engine
 * @param kafka how the collector's topics are laid out
 * @param logSource where containers' logs are read: their json-file files where this process can
 * read them ({@code auto}), always the engine's API ({@code api}), or the files ({@code files})
 * @param dockerRootDir the engine's data root as this process sees it (a container's mount of the
 * host's {@code /var/lib/docker}); empty: the engine's {@code DockerRootDir}
 */
@ConfigurationProperties("envstream.collector")
@Validated
record CollectorProperties(
		String hostId,
		@DefaultValue(HostId.DEFAULT_DOCKER_HOST) @NotBlank String dockerHost,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration statsInterval,
		@DefaultValue("1MB") @NotNull DataSize maxLineBytes,
		@DefaultValue("64MB") @NotNull DataSize bufferSize,
		@DefaultValue("80ms") @NotNull @DurationMin(millis = 0) @DurationMax(seconds = 1) Duration transactionInterval,
		String agentUrl,
		@DefaultValue List<String> labelSelector,
		@DefaultValue @NotNull @Valid Kafka kafka,
		@DefaultValue("auto") @NotNull LogSources.Mode logSource,
		String dockerRootDir) {

	CollectorProperties {
		labelSelector = (labelSelector != null) ? List.copyOf(labelSelector) : List.of();
		// a malformed term stops start-up here, naming itself
		LabelSelector.of(labelSelector);
	}

	/** The containers this collector follows. */
	LabelSelector selector() {
		return LabelSelector.of(this.labelSelector);
	}

	@AssertTrue(message = "max-line-bytes must be positive")
	boolean isMaxLineBytesPositive() {
		return this.maxLineBytes == null || this.maxLineBytes.toBytes() > 0;
	}

	@AssertTrue(message = "buffer-size must be at least 1MB and at least twice max-line-bytes")
	boolean isBufferSizeLargeEnough() {
		return this.bufferSize == null || this.maxLineBytes == null
				|| (this.bufferSize.toBytes() >= DataSize.ofMegabytes(1).toBytes()
						&& this.bufferSize.toBytes() >= 2 * this.maxLineBytes.toBytes()
						&& this.bufferSize.toBytes() <= Integer.MAX_VALUE);
	}

	/**
	 * @param partitions partitions of the topics the collector creates
	 * @param replicationFactor replication factor of the topics the collector creates
	 */
	record Kafka(@DefaultValue("12") @Positive int partitions, @DefaultValue("1") @Positive short replicationFactor) {
	}

}
