package io.envstream.collector;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The collector's meters, {@code envstream.collector.*}; every risk of loss shows here. */
public final class CollectorMetrics {

	private final MeterRegistry registry;

	private final Counter lines;

	private final Counter lineRecords;

	private final Counter bytes;

	private final Counter truncated;

	private final Counter producerErrors;

	private final Counter transactions;

	private final Counter engineReconnects;

	private final Counter readErrors;

	private final Counter replays;

	private final Counter incomplete;

	private final Timer lag;

	private final Timer commits;

	private final AtomicInteger followed = new AtomicInteger();

	public CollectorMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.lines = Counter.builder("envstream.collector.lines").description("Log lines committed to Kafka")
			.register(registry);
		this.lineRecords = Counter.builder("envstream.collector.line.records")
			.description("Records of envstream.logs.raw committed, each holding consecutive lines of one container")
			.register(registry);
		this.bytes = Counter.builder("envstream.collector.bytes").baseUnit("bytes")
			.description("Bytes of log lines committed to Kafka").register(registry);
		this.truncated = Counter.builder("envstream.collector.lines.truncated")
			.description("Lines cut to max-line-bytes").register(registry);
		this.producerErrors = Counter.builder("envstream.collector.producer.errors")
			.description("Failed Kafka transactions (retried; reading pauses meanwhile)").register(registry);
		this.transactions = Counter.builder("envstream.collector.transactions")
			.description("Committed Kafka transactions").register(registry);
		this.engineReconnects = Counter.builder("envstream.collector.engine.reconnects")
			.description("Reconnections to the Docker engine's event stream").register(registry);
		this.readErrors = Counter.builder("envstream.collector.read.errors")
			.description("Failed log, stats or event reads from the engine (retried)").register(registry);
		this.replays = Counter.builder("envstream.collector.records.replayed")
			.description("Log records the engine sent twice in one read (json-file rotation), dropped").register(registry);
		this.incomplete = Counter.builder("envstream.collector.containers.incomplete")
			.description("Containers removed before their log could be read to the end (lines may be missing)")
			.register(registry);
		this.lag = Timer.builder("envstream.collector.lag")
			.description("From the Docker timestamp of a transaction's oldest line to the transaction's commit")
			.publishPercentileHistogram()
			.register(registry);
		this.commits = Timer.builder("envstream.collector.commit")
			.description("How long committing a transaction took (its records' flush and the broker's commit)")
			.publishPercentileHistogram()
			.register(registry);
		Gauge.builder("envstream.collector.containers.followed", this.followed, AtomicInteger::get)
			.description("Containers whose logs are followed").register(registry);
	}

	/**
	 * A committed transaction: its lines, records, bytes and truncated lines; the wait of its oldest line (zero
	 * without lines) and the commit call's duration.
	 */
	public void committed(long lineCount, long recordCount, long byteCount, long truncatedCount, Duration oldestLineLag,
			Duration commitTook) {
		if (lineCount > 0) {
			this.lag.record(oldestLineLag.isNegative() ? Duration.ZERO : oldestLineLag);
		}
		this.commits.record(commitTook);
		this.lines.increment(lineCount);
		this.lineRecords.increment(recordCount);
		this.bytes.increment(byteCount);
		this.truncated.increment(truncatedCount);
		this.transactions.increment();
	}

	public void producerError() {
		this.producerErrors.increment();
	}

	/** A producer call that timed out and is made again: {@code call} is {@code start} or {@code commit}. */
	public void producerTimeout(String call) {
		Counter.builder("envstream.collector.producer.timeouts")
			.description("Kafka producer calls that timed out and were made again (start, commit)")
			.tag("call", call)
			.register(this.registry)
			.increment();
	}

	public void engineReconnect() {
		this.engineReconnects.increment();
	}

	public void replayDropped() {
		this.replays.increment();
	}

	public void incompleteLog() {
		this.incomplete.increment();
	}

	public void readError() {
		this.readErrors.increment();
	}

	public AtomicInteger followed() {
		return this.followed;
	}

	/** Registers a gauge read from {@code value}; tags in pairs. */
	public Gauge gauge(String name, String description, String baseUnit, Supplier<Number> value, String... tags) {
		return Gauge.builder(name, value).description(description).baseUnit(baseUnit).tags(tags)
			.register(this.registry);
	}

	public void remove(Gauge gauge) {
		this.registry.remove(gauge);
	}

}
