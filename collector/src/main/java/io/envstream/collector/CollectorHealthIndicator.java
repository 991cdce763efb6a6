package io.envstream.collector;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN when the collector can no longer write to Kafka for good (fenced by another collector
 * with the same host id, not authorised, or its writer ended by an error it does not foresee, which
 * a restart may cure); an unreachable engine or Kafka is retried and shows
 * in the details and the metrics, since restarting the collector would not help.
 */
class CollectorHealthIndicator implements HealthIndicator {

	private final Collector collector;

	CollectorHealthIndicator(Collector collector) {
		this.collector = collector;
	}

	@Override
	public Health health() {
		String failure = this.collector.publisherFailure();
		Health.Builder builder = (failure != null) ? Health.down().withDetail("kafka", failure) : Health.up();
		return builder.withDetail("hostId", this.collector.hostId())
			.withDetail("engine", this.collector.engineConnected() ? "connected" : "reconnecting")
			.withDetail("containersFollowed", this.collector.followedCount())
			.build();
	}

}
