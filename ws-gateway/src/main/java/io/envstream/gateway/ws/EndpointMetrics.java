package io.envstream.gateway.ws;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The meters every WebSocket endpoint reports, tagged {@code endpoint=<name>} (PROTOCOL.md,
 * Metrics): active connections, messages sent and received, the latency from a message's source
 * time (a line's container timestamp, a state's or sample's time) to its being sent, connection
 * duration, closes by code (refused connections included), reconnections by outcome ({@link Reconnection}). An
 * endpoint's own meters sit beside it.
 */
public final class EndpointMetrics {

	private final MeterRegistry registry;

	private final String endpoint;

	private final AtomicInteger active = new AtomicInteger();

	private final Counter sent;

	private final Counter received;

	private final Timer latency;

	private final Timer duration;

	private String reconnectParameter;

	private Counter reconnectsSucceeded;

	private Counter reconnectsFailed;

	/**
	 * @param registry where the meters go
	 * @param endpoint the endpoint's name ({@code logs}, {@code status}, …)
	 * @param latencyDescription what the latency measures for this endpoint
	 */
	public EndpointMetrics(MeterRegistry registry, String endpoint, String latencyDescription) {
		this.registry = registry;
		this.endpoint = endpoint;
		Gauge.builder("envstream.gateway.connections.active", this.active, AtomicInteger::get)
			.tag("endpoint", endpoint)
			.description("Open WebSocket connections")
			.register(registry);
		this.sent = Counter.builder("envstream.gateway.messages.sent").tag("endpoint", endpoint).register(registry);
		this.received = Counter.builder("envstream.gateway.messages.received")
			.tag("endpoint", endpoint)
			.register(registry);
		this.latency = Timer.builder("envstream.gateway.message.latency")
			.description(latencyDescription)
			.tag("endpoint", endpoint)
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofMinutes(1))
			.register(registry);
		this.duration = Timer.builder("envstream.gateway.connection.duration")
			.tag("endpoint", endpoint)
			.publishPercentileHistogram()
			.register(registry);
	}

	/**
	 * For an endpoint a client can come back to for what it had: registers its reconnection counters (at zero,
	 * so a dashboard finds them before the first reconnection). Call once, before serving.
	 * @param parameter the upgrade's query parameter that makes a connection a reconnection ({@code resume},
	 * {@code session})
	 */
	public EndpointMetrics countingReconnections(String parameter) {
		this.reconnectParameter = parameter;
		this.reconnectsSucceeded = reconnects(this.registry, this.endpoint, "succeeded");
		this.reconnectsFailed = reconnects(this.registry, this.endpoint, "failed");
		return this;
	}

	private static Counter reconnects(MeterRegistry registry, String endpoint, String outcome) {
		return Counter.builder("envstream.gateway.reconnects")
			.description("Reconnections (logs resume, terminal reattach): succeeded once the first of what they came "
					+ "back for reached the client, failed when refused or closed before")
			.tag("endpoint", endpoint)
			.tag("outcome", outcome)
			.register(registry);
	}

	/** Tracks a connection that comes back for what it had, to count its outcome once. */
	public Reconnection reconnection() {
		return new Reconnection(this);
	}

	/** A connection refused before it was open (a failed check): if it came back for something, that failed. */
	void refused(WebSocketSession session) {
		if (this.reconnectParameter != null && session.getUri() != null && UriComponentsBuilder
			.fromUri(session.getUri())
			.build(true)
			.getQueryParams()
			.containsKey(this.reconnectParameter)) {
			this.reconnectsFailed.increment();
		}
	}

	void reconnected(boolean succeeded) {
		(succeeded ? this.reconnectsSucceeded : this.reconnectsFailed).increment();
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
		this.registry.counter("envstream.gateway.closes", "endpoint", this.endpoint, "code", Integer.toString(code))
			.increment();
	}

	/**
	 * A message went out.
	 * @param sourceNanos epoch nanoseconds of what it carries (0: not counted in the latency)
	 */
	public void sent(long sourceNanos) {
		this.sent.increment();
		long nowNanos = System.currentTimeMillis() * 1_000_000L;
		if (sourceNanos > 0 && nowNanos >= sourceNanos) {
			this.latency.record(nowNanos - sourceNanos, TimeUnit.NANOSECONDS);
		}
	}

	void received() {
		this.received.increment();
	}

}
