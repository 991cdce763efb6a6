package io.envstream.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code envstream.alerts.*}.
 * @param partitions partitions of the topics the app creates when they are missing
 * @param replicationFactor replicas of those topics
 * @param rulesRefresh how often the rules are re-read from PostgreSQL (changes made through this app's REST API
 * apply at once; this bounds changes made by another replica or by hand)
 * @param webhooks where every alert is posted
 * @param webhookRetry how long and how often a refused post is retried before the alert goes to the dead letter
 */
@Validated
@ConfigurationProperties("envstream.alerts")
public record AlertsProperties(@DefaultValue("12") @Min(1) int partitions,
		@DefaultValue("1") @Min(1) int replicationFactor, @DefaultValue("5s") @NotNull Duration rulesRefresh,
		@DefaultValue @Valid List<Webhook> webhooks, @DefaultValue @Valid @NotNull WebhookRetry webhookRetry) {

	/** Payload shape a webhook receives. */
	public enum Format {

		/** The alert's fields as a JSON object. */
		JSON,

		/** {@code {"text": ...}}, what a Slack incoming webhook takes. */
		SLACK

	}

	/**
	 * @param name names the webhook in logs, in the delivery log and in the dead letter's header
	 * @param url where to POST
	 * @param format payload shape
	 */
	public record Webhook(@NotBlank String name, @NotNull URI url, @DefaultValue("JSON") @NotNull Format format) {
	}

	/**
	 * @param initialInterval wait before the first retry, doubled after each
	 * @param maxInterval the longest wait between two tries
	 * @param giveUpAfter how long an alert is retried before it goes to {@code envstream.alerts.webhooks.dlt}
	 * @param timeout how long one post may take
	 */
	public record WebhookRetry(@DefaultValue("1s") @NotNull Duration initialInterval,
			@DefaultValue("30s") @NotNull Duration maxInterval, @DefaultValue("15m") @NotNull Duration giveUpAfter,
			@DefaultValue("5s") @NotNull Duration timeout) {
	}

}
