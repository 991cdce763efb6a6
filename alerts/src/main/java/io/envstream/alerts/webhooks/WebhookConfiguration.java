package io.envstream.alerts.webhooks;

import io.envstream.alerts.AlertsProperties;
import io.envstream.alerts.AlertsProperties.WebhookRetry;
import io.envstream.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The webhook sender and its retry policy: a refused alert is read again after 1 s, 2 s, 4 s… (at most
 * {@code max-interval} apart) until {@code give-up-after}, then written to {@code envstream.alerts.webhooks.dlt}
 * with the reason in the headers, and the sender goes on with the next alert.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	AlertWebhooks alertWebhooks(AlertsProperties properties, JsonMapper json, JdbcClient jdbc,
			MeterRegistry registry) {
		return new AlertWebhooks(properties, new WebhookPayloads(json),
				new WebhookClient(properties.webhookRetry().timeout()), new DeliveryLog(jdbc), registry);
	}

	/** Picked up by Boot's listener container factory. */
	@Bean
	DefaultErrorHandler webhookRetries(AlertsProperties properties, KafkaTemplate<Object, Object> template) {
		WebhookRetry retry = properties.webhookRetry();
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		backOff.setMaxElapsedTime(retry.giveUpAfter().toMillis());
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(Topics.ALERTS_WEBHOOKS_DLT.name(), -1));
		return new DefaultErrorHandler(deadLetters, backOff);
	}

}
