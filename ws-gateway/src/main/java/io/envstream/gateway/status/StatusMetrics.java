package io.envstream.gateway.status;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import io.envstream.gateway.ws.EndpointMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;

import org.springframework.stereotype.Component;

/**
 * The status endpoint's Prometheus metrics: every endpoint's ({@link EndpointMetrics} with
 * {@code endpoint=status}, the latency from a state's or sample's time), plus the view's size, its
 * lag per partition and the records it could not decode.
 */
@Component
class StatusMetrics {

	private final MeterRegistry registry;

	private final EndpointMetrics endpoint;

	private final Counter undecodable;

	private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();

	StatusMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.endpoint = new EndpointMetrics(registry, StatusService.ENDPOINT,
				"Time of a state or sample to its message being sent");
		this.undecodable = Counter.builder("envstream.gateway.status.records.undecodable")
			.description("Records of envstream.status, envstream.metrics and envstream.alerts skipped because they could not be decoded")
			.register(registry);
	}

	void viewSize(IntSupplier environments) {
		Gauge.builder("envstream.gateway.status.environments", environments::getAsInt)
			.description("Environments with a state in this gateway's status view")
			.register(this.registry);
	}

	/** How many records the view is behind the end of one of its partitions. */
	void viewLag(TopicPartition partition, long records) {
		this.lag.computeIfAbsent(partition, (tp) -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder("envstream.gateway.status.view.lag", value, AtomicLong::get)
				.tag("topic", tp.topic())
				.tag("partition", Integer.toString(tp.partition()))
				.description("Records the status view is behind the end of one of its partitions")
				.register(this.registry);
			return value;
		}).set(records);
	}

	/** Connections, messages, latency and closes of the endpoint. */
	EndpointMetrics endpoint() {
		return this.endpoint;
	}

	void undecodable() {
		this.undecodable.increment();
	}

}
