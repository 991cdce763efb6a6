package io.envstream.alerts.webhooks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.envstream.alerts.AlertsProperties.Webhook;

/** Posts a body to a webhook; anything but a 2xx answer in time is a refusal. */
final class WebhookClient {

	/** The header carrying the alert id: a receiver that sees it twice has the same alert twice. */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final HttpClient http;

	private final Duration timeout;

	WebhookClient(Duration timeout) {
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
		this.timeout = timeout;
	}

	/** @throws WebhookRefusedException when the webhook did not take the post */
	void post(Webhook webhook, String idempotencyKey, String body) {
		HttpRequest request = HttpRequest.newBuilder(webhook.url())
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header(IDEMPOTENCY_KEY, idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 != 2) {
				throw new WebhookRefusedException(webhook.name() + " answered " + response.statusCode());
			}
		}
		catch (IOException ex) {
			throw new WebhookRefusedException(webhook.name() + " unreachable: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WebhookRefusedException(webhook.name() + ": interrupted");
		}
	}

}
