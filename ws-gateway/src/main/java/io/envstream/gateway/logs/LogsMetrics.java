package io.envstream.gateway.logs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.envstream.gateway.ws.EndpointMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The logs endpoint's Prometheus metrics (PROTOCOL.md, Metrics): every endpoint's
 * ({@link EndpointMetrics}, the latency from a frame's oldest line's container timestamp), plus
 * log lines sent, resume outcomes, slow clients, catch-up reads running and the fan-out consumer's lag.
 */
@Component
class LogsMetrics {

	private static final String ENDPOINT = "logs";

	private final MeterRegistry registry;

	private final EndpointMetrics endpoint;

	private final Counter linesSent;

	private final Counter slowClients;

	private final Map<Integer, AtomicLong> lag = new ConcurrentHashMap<>();

	private final AtomicInteger catchUpReaders = new AtomicInteger();

	private final AtomicInteger sharedCatchUpClients = new AtomicInteger();

	LogsMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.endpoint = new EndpointMetrics(registry, ENDPOINT,
				"Container timestamp of a frame's oldest line to the frame being sent").countingReconnections("resume");
		this.linesSent = Counter.builder("envstream.gateway.lines.sent").tag("endpoint", ENDPOINT).register(registry);
		this.slowClients = Counter.builder("envstream.gateway.slow.clients").tag("endpoint", ENDPOINT).register(registry);
		Gauge.builder("envstream.gateway.catchup.readers", this.catchUpReaders, AtomicInteger::get)
			.description("Catch-up reads running (resume, since, tail history, slow clients), at most "
					+ "envstream.gateway.max-catch-up-readers")
			.register(registry);
		Gauge.builder("envstream.gateway.catchup.shared.clients", this.sharedCatchUpClients, AtomicInteger::get)
			.description("Slow clients served by the shared catch-up reads, one read per partition")
			.register(registry);
	}

	/** Connections, messages, latency and closes of the endpoint. */
	EndpointMetrics endpoint() {
		return this.endpoint;
	}

	void sent(Frame frame) {
		this.endpoint.sent((frame.lines() > 0) ? frame.oldestNanos() : 0);
		if (frame.lines() > 0) {
			this.linesSent.increment(frame.lines());
		}
	}

	/** @param outcome {@code resumed}, {@code gap} or {@code invalid} */
	void resume(String outcome) {
		this.registry.counter("envstream.gateway.resumes", "endpoint", ENDPOINT, "outcome", outcome).increment();
	}

	void catchUpStarted() {
		this.catchUpReaders.incrementAndGet();
	}

	void catchUpEnded() {
		this.catchUpReaders.decrementAndGet();
	}

	void sharedCatchUpJoined() {
		this.sharedCatchUpClients.incrementAndGet();
	}

	void sharedCatchUpLeft() {
		this.sharedCatchUpClients.decrementAndGet();
	}

	void slowClient() {
		this.slowClients.increment();
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
