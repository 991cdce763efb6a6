package io.envstream.alerts.webhooks;

/** A webhook did not take an alert; the sender retries it, then dead-letters it. */
class WebhookRefusedException extends RuntimeException {

	WebhookRefusedException(String message) {
		super(message);
	}

}
