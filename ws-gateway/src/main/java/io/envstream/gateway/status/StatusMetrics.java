package io.envstream.gateway.status;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The status endpoint's Prometheus metrics, named as the logs endpoint's with
 * {@code endpoint=status}: active connections, messages sent and received, latency from a state's
 * or sample's time to its message being sent, connection duration, closes by code; and the view's
 * size and the records it could not decode.
 */
@Component
class StatusMetrics {

	private static final String ENDPOINT = "status";

	private final MeterRegistry registry;

	private final AtomicInteger active = new AtomicInteger();

	private final Counter sent;

	private final Counter received;

	private final Counter undecodable;

	private final Timer latency;

	private final Timer duration;

	StatusMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("envstream.gateway.connections.active", this.active, AtomicInteger::get)
			.tag("endpoint", ENDPOINT)
			.description("Open WebSocket connections")
			.register(registry);
		this.sent = Counter.builder("envstream.gateway.messages.sent").tag("endpoint", ENDPOINT).register(registry);
		this.received = Counter.builder("envstream.gateway.messages.received")
			.tag("endpoint", ENDPOINT)
			.register(registry);
		this.undecodable = Counter.builder("envstream.gateway.status.records.undecodable")
			.description("Records of envstream.status and envstream.metrics skipped because they could not be decoded")
			.register(registry);
		this.latency = Timer.builder("envstream.gateway.message.latency")
			.description("Time of a state or sample to its message being sent")
			.tag("endpoint", ENDPOINT)
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofMinutes(1))
			.register(registry);
		this.duration = Timer.builder("envstream.gateway.connection.duration")
			.tag("endpoint", ENDPOINT)
			.publishPercentileHistogram()
			.register(registry);
	}

	void viewSize(IntSupplier environments) {
		Gauge.builder("envstream.gateway.status.environments", environments::getAsInt)
			.description("Environments with a state in this gateway's status view")
			.register(this.registry);
	}

	void opened() {
		this.active.incrementAndGet();
	}

	void closed(long openedNanos, int code) {
		this.active.decrementAndGet();
		this.duration.record(System.nanoTime() - openedNanos, TimeUnit.NANOSECONDS);
		closedWith(code);
	}

	/** A connection closed before it was counted as open (a failed check). */
	void closedWith(int code) {
		this.registry.counter("envstream.gateway.closes", "endpoint", ENDPOINT, "code", Integer.toString(code))
			.increment();
	}

	/** A message went out; {@code timestampMillis} is when its state or sample was taken (0: none). */
	void sent(long timestampMillis) {
		this.sent.increment();
		long age = System.currentTimeMillis() - timestampMillis;
		if (timestampMillis > 0 && age >= 0) {
			this.latency.record(age, TimeUnit.MILLISECONDS);
		}
	}

	void received() {
		this.received.increment();
	}

	void undecodable() {
		this.undecodable.increment();
	}

}
