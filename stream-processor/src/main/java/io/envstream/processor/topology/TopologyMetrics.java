package io.envstream.processor.topology;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The topology's meters, created once and shared by its tasks (Micrometer meters are thread-safe). */
public final class TopologyMetrics {

	/** Counts records sent to the dead-letter topic, tagged with their {@link DeadLetterCause}. */
	public static final String DEAD_LETTERS = "envstream.processor.dead.letters";

	/** Counts lines and descriptors refused because their environment id belongs to another claim. */
	public static final String CLAIMS_REFUSED = "envstream.processor.claims.refused";

	private final MeterRegistry registry;

	private final Counter recordsIn;

	private final Counter recordsOut;

	private final Map<DeadLetterCause, Counter> deadLetters = new EnumMap<>(DeadLetterCause.class);

	private final Counter partlyScanned;

	private final DistributionSummary batchSize;

	private final Timer lag;

	private final Map<ClosedBy, Counter> batches = new EnumMap<>(ClosedBy.class);

	private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

	private final Map<String, Counter> redacted = new ConcurrentHashMap<>();

	private final Map<String, Counter> claimsRefused = new ConcurrentHashMap<>();

	TopologyMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.recordsIn = Counter.builder("envstream.processor.records.in")
			.description("Lines read from envstream.logs.raw")
			.register(registry);
		this.recordsOut = Counter.builder("envstream.processor.records.out")
			.description("Lines written to envstream.logs")
			.register(registry);
		for (DeadLetterCause cause : DeadLetterCause.values()) {
			this.deadLetters.put(cause, Counter.builder(DEAD_LETTERS)
				.description("Records of envstream.logs.raw sent to envstream.logs.raw.dlt, by cause")
				.tag("cause", cause.tag())
				.register(registry));
		}
		this.partlyScanned = Counter.builder("envstream.processor.records.partly.scanned")
			.description("Lines longer than the scan limit: drop and redaction rules read only their prefix")
			.register(registry);
		this.batchSize = DistributionSummary.builder("envstream.processor.batch.size")
			.description("Lines per batch written to envstream.logs")
			.publishPercentileHistogram()
			.serviceLevelObjectives(1, 10, 50, 100)
			.register(registry);
		this.lag = Timer.builder("envstream.processor.lag")
			.description("From the Docker timestamp of a batch's last line to the batch's closing")
			.publishPercentileHistogram()
			.register(registry);
		for (ClosedBy reason : ClosedBy.values()) {
			this.batches.put(reason, Counter.builder("envstream.processor.batches")
				.description("Batches written to envstream.logs, by what closed them")
				.tag("closed.by", reason.tag())
				.register(registry));
		}
	}

	void linesIn(int count) {
		this.recordsIn.increment(count);
	}

	void deadLetter(DeadLetterCause cause) {
		this.deadLetters.get(cause).increment();
	}

	void partlyScanned() {
		this.partlyScanned.increment();
	}

	void dropped(DropRule rule) {
		this.dropped.computeIfAbsent(rule.scope(), (scope) -> Counter.builder("envstream.processor.records.dropped")
			.description("Lines dropped by a filter rule")
			.tag("scope", scope)
			.register(this.registry)).increment();
	}

	void redacted(String rule) {
		this.redacted.computeIfAbsent(rule, (name) -> Counter.builder("envstream.processor.records.redacted")
			.description("Lines in which a redaction rule hid something")
			.tag("rule", name)
			.register(this.registry)).increment();
	}

	/** {@code count} lines, or one descriptor, refused. */
	void claimRefused(String kind, ClaimConflict conflict, int count) {
		this.claimsRefused.computeIfAbsent(kind + "/" + conflict.tag(), (key) -> Counter.builder(CLAIMS_REFUSED)
			.description("Lines and descriptors refused because their environment id belongs to another claim")
			.tag("kind", kind)
			.tag("conflict", conflict.tag())
			.register(this.registry)).increment(count);
	}

	void batchClosed(ClosedBy reason, int lines, Duration lagOfLastLine) {
		this.batches.get(reason).increment();
		this.batchSize.record(lines);
		this.recordsOut.increment(lines);
		this.lag.record(lagOfLastLine.isNegative() ? Duration.ZERO : lagOfLastLine);
	}

}
