package io.envstream.alerts.webhooks;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which webhooks took which alert ({@code alerts.webhook_deliveries}): an alert read again (a retry after another
 * webhook refused it, a restart before the offset commit) is not posted again where it was delivered. A crash
 * between a post and this record still posts it twice: the idempotency key is there for that.
 */
final class DeliveryLog {

	private final JdbcClient jdbc;

	DeliveryLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean delivered(String alertId, String webhook) {
		return this.jdbc.sql("SELECT count(*) FROM alerts.webhook_deliveries WHERE alert_id = ? AND webhook = ?")
			.params(alertId, webhook)
			.query(Long.class)
			.single() > 0;
	}

	void record(String alertId, String webhook) {
		this.jdbc.sql("INSERT INTO alerts.webhook_deliveries (alert_id, webhook) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(alertId, webhook)
			.update();
	}

}
