package io.envstream.alerts.webhooks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.envstream.alerts.AlertsProperties;
import io.envstream.alerts.AlertsProperties.Webhook;
import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.AlertKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * Posts every alert of {@code envstream.alerts} (read committed) to every webhook, at least once, with the alert
 * id as idempotency key. An alert some webhook refused is read again after a back-off (see
 * {@link WebhookConfiguration}); the offset is committed only once every webhook took it or it was dead-lettered.
 * Each alert read is counted once by kind ({@code envstream_alerts_published_total}), retries not again.
 */
class AlertWebhooks {

	static final String DELIVERIES = "envstream.alerts.webhook.deliveries";

	static final String PUBLISHED = "envstream.alerts.published";

	private static final Logger logger = LoggerFactory.getLogger(AlertWebhooks.class);

	private final List<Webhook> webhooks;

	private final WebhookPayloads payloads;

	private final WebhookClient client;

	private final DeliveryLog deliveries;

	private final MeterRegistry registry;

	private final Map<AlertKind, Counter> published = new EnumMap<>(AlertKind.class);

	/** The highest offset counted per partition: a retried alert (a webhook refused it) is counted once. */
	private final Map<Integer, Long> countedUpTo = new ConcurrentHashMap<>();

	AlertWebhooks(AlertsProperties properties, WebhookPayloads payloads, WebhookClient client, DeliveryLog deliveries,
			MeterRegistry registry) {
		this.webhooks = properties.webhooks();
		this.payloads = payloads;
		this.client = client;
		this.deliveries = deliveries;
		this.registry = registry;
		for (AlertKind kind : AlertKind.values()) {
			this.published.put(kind, Counter.builder(PUBLISHED)
				.description("Alerts read from envstream.alerts (committed), by kind")
				.tag("kind", kind.name().toLowerCase(Locale.ROOT))
				.register(registry));
		}
	}

	@KafkaListener(id = "alert-webhooks", topics = "envstream.alerts")
	void onAlert(ConsumerRecord<String, Alert> record) {
		Alert alert = record.value();
		if (this.countedUpTo.getOrDefault(record.partition(), -1L) < record.offset()) {
			this.countedUpTo.put(record.partition(), record.offset());
			this.published.get(alert.getKind()).increment();
		}
		List<String> refusals = new ArrayList<>();
		for (Webhook webhook : this.webhooks) {
			if (this.deliveries.delivered(alert.getAlertId(), webhook.name())) {
				continue;
			}
			try {
				this.client.post(webhook, alert.getAlertId(), this.payloads.body(alert, webhook.format()));
				this.deliveries.record(alert.getAlertId(), webhook.name());
				count(webhook, "delivered");
			}
			catch (WebhookRefusedException ex) {
				count(webhook, "refused");
				refusals.add(ex.getMessage());
			}
		}
		if (!refusals.isEmpty()) {
			logger.warn("Alert {} not delivered yet: {}", alert.getAlertId(), refusals);
			throw new WebhookRefusedException("alert " + alert.getAlertId() + " refused: " + refusals);
		}
	}

	private void count(Webhook webhook, String outcome) {
		this.registry.counter(DELIVERIES, "webhook", webhook.name(), "outcome", outcome).increment();
	}

}
