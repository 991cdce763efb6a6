package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The logs endpoint's Prometheus metrics (PROTOCOL.md, Metrics): active connections, messages
 * sent and received, latency from a line's container timestamp to its frame being sent,
 * connection duration, closes by code, resume outcomes and the fan-out consumer's lag.
 */
@Component
class LogsMetrics {

	private static final String ENDPOINT = "logs";

	private final MeterRegistry registry;

	private final AtomicInteger active = new AtomicInteger();

	private final Counter sent;

	private final Counter received;

	private final Counter linesSent;

	private final Timer latency;

	private final Timer duration;

	private final Map<Integer, AtomicLong> lag = new ConcurrentHashMap<>();

	LogsMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("envstream.gateway.connections.active", this.active, AtomicInteger::get)
			.tag("endpoint", ENDPOINT)
			.description("Open WebSocket connections")
			.register(registry);
		this.sent = Counter.builder("envstream.gateway.messages.sent").tag("endpoint", ENDPOINT).register(registry);
		this.received = Counter.builder("envstream.gateway.messages.received")
			.tag("endpoint", ENDPOINT)
			.register(registry);
		this.linesSent = Counter.builder("envstream.gateway.lines.sent").tag("endpoint", ENDPOINT).register(registry);
		this.latency = Timer.builder("envstream.gateway.message.latency")
			.description("Container timestamp of a frame's oldest line to the frame being sent")
			.tag("endpoint", ENDPOINT)
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofMinutes(1))
			.register(registry);
		this.duration = Timer.builder("envstream.gateway.connection.duration")
			.tag("endpoint", ENDPOINT)
			.publishPercentileHistogram()
			.register(registry);
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

	void sent(Frame frame) {
		this.sent.increment();
		if (frame.lines() > 0) {
			this.linesSent.increment(frame.lines());
			long nowNanos = System.currentTimeMillis() * 1_000_000L;
			if (frame.oldestNanos() > 0 && nowNanos >= frame.oldestNanos()) {
				this.latency.record(nowNanos - frame.oldestNanos(), TimeUnit.NANOSECONDS);
			}
		}
	}

	void received() {
		this.received.increment();
	}

	/** @param outcome {@code resumed}, {@code gap} or {@code invalid} */
	void resume(String outcome) {
		this.registry.counter("envstream.gateway.resumes", "endpoint", ENDPOINT, "outcome", outcome).increment();
	}

	void slowClient() {
		this.registry.counter("envstream.gateway.slow.clients", "endpoint", ENDPOINT).increment();
	}

	void consumerLag(int partition, long records) {
		this.lag.computeIfAbsent(partition, (p) -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder("envstream.gateway.consumer.lag", value, AtomicLong::get)
				.tag("partition", Integer.toString(p))
				.description("Records the live fan-out is behind the end of its envstream.logs partition")
				.register(this.registry);
			return value;
		}).set(records);
	}

}
