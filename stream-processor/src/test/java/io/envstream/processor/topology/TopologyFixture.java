package io.envstream.processor.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.serde.LogEventSerde;
import io.envstream.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A {@link TopologyTestDriver} around {@link LogTopology}, with helpers to write lines and read batches. Lines go
 * in records as today's collectors write them ({@link LogEventBatch}), one per record unless a test writes several
 * together ({@link #record}), or as the single-line {@link LogEvent} of older collectors ({@link #legacyLine}).
 */
final class TopologyFixture implements AutoCloseable {

	static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final TopologyTestDriver driver;

	final TestInputTopic<String, byte[]> raw;

	final TestInputTopic<String, EnvironmentDescriptor> descriptors;

	final TestInputTopic<String, EnvironmentClaim> moves;

	final TestOutputTopic<String, LogBatch> logs;

	final TestOutputTopic<String, byte[]> deadLetters;

	private long seq;

	/** The driver's wall clock. */
	private long clockMillis = START.toEpochMilli();

	/** When the lines written next were written: their Docker timestamp. */
	private long writtenAtMillis = START.toEpochMilli();

	TopologyFixture(BatchLimits limits, List<DropRule> dropRules, List<RedactionRule> redactionRules) {
		this(limits, new LineRules(dropRules, redactionRules, true, new ScanLimit(LineRules.DEFAULT_SCAN_CHARS)));
	}

	TopologyFixture(BatchLimits limits, LineRules rules) {
		LogTopology topology = new LogTopology(limits, rules, this.registry);
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-tests");
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		this.driver = new TopologyTestDriver(topology.build(), config, START);
		this.raw = this.driver.createInputTopic(Topics.LOGS_RAW.name(), Serdes.String().serializer(),
				Serdes.ByteArray().serializer(), START, Duration.ZERO);
		this.descriptors = this.driver.createInputTopic(Topics.ENVIRONMENTS.name(), Serdes.String().serializer(),
				Topics.ENVIRONMENTS.valueSerde().serializer(), START, Duration.ZERO);
		this.moves = this.driver.createInputTopic(Topics.CLAIMS.name(), Serdes.String().serializer(),
				Topics.CLAIMS.valueSerde().serializer(), START, Duration.ZERO);
		this.logs = this.driver.createOutputTopic(Topics.LOGS.name(), Serdes.String().deserializer(),
				Topics.LOGS.valueSerde().deserializer());
		this.deadLetters = this.driver.createOutputTopic(Topics.LOGS_RAW_DLT.name(), Serdes.String().deserializer(),
				Serdes.ByteArray().deserializer());
	}

	static final BatchLimits LIMITS = new BatchLimits(100, Duration.ofMillis(100), 256 * 1024);

	static TopologyFixture withDefaults() {
		return new TopologyFixture(LIMITS, LineRules.defaults());
	}

	/** Writes one line of {@code environmentId} to stdout of container {@code c-<environmentId>}, alone in a record. */
	LogEventBatch line(String environmentId, String message) {
		return line(environmentId, Stream.STDOUT, message);
	}

	LogEventBatch line(String environmentId, Stream stream, String message) {
		return line(environmentId, "host-1", "c-" + environmentId, stream, message);
	}

	/** Writes one line of {@code environmentId} from {@code containerId} on {@code hostId}, alone in a record. */
	LogEventBatch line(String environmentId, String hostId, String containerId, Stream stream, String message) {
		LogEventBatch record = new LogEventBatch(environmentId, hostId, containerId, List.of(rawLine(stream, message)));
		write(environmentId, record);
		return record;
	}

	/** Writes the lines of {@code environmentId} to stdout of container {@code c-<environmentId>} in one record. */
	LogEventBatch record(String environmentId, String... messages) {
		List<RawLine> lines = new ArrayList<>();
		for (String message : messages) {
			lines.add(rawLine(Stream.STDOUT, message));
		}
		LogEventBatch record = new LogEventBatch(environmentId, "host-1", "c-" + environmentId, lines);
		write(environmentId, record);
		return record;
	}

	/** Writes one line of {@code environmentId} as a collector from before batches did: a {@link LogEvent}. */
	LogEvent legacyLine(String environmentId, String message) {
		RawLine line = rawLine(Stream.STDOUT, message);
		LogEvent event = new LogEvent(environmentId, "host-1", "c-" + environmentId, line.getStream(),
				line.getTimestampNanos(), line.getSeq(), message, false);
		write(environmentId, event);
		return event;
	}

	private RawLine rawLine(Stream stream, String message) {
		long nanos = TimeUnit.MILLISECONDS.toNanos(this.writtenAtMillis) + this.seq * 1000;
		return new RawLine(stream, nanos, this.seq++, message, false);
	}

	void write(String key, LogEventBatch record) {
		this.raw.pipeInput(key, Topics.LOGS_RAW.valueSerde().serializer().serialize(Topics.LOGS_RAW.name(), record));
	}

	void write(String key, LogEvent event) {
		this.raw.pipeInput(key, new LogEventSerde().serialize(Topics.LOGS_RAW.name(), event));
	}

	/** A raw record (or dead letter) as the processor reads it. */
	static LogEventBatch decode(byte[] raw) {
		return Topics.LOGS_RAW.valueSerde().deserializer().deserialize(Topics.LOGS_RAW.name(), raw);
	}

	void lines(String environmentId, int count) {
		for (int i = 0; i < count; i++) {
			line(environmentId, environmentId + " line " + i);
		}
	}

	void advance(long millis) {
		this.driver.advanceWallClockTime(Duration.ofMillis(millis));
		this.clockMillis += millis;
	}

	/** Moves the wall clock a minute past the lines' timestamps: the lines written next come from a backlog. */
	void fallBehind() {
		advance(60_000);
	}

	/** Stamps the lines written next with the wall clock's time: the processor has caught up. */
	void caughtUp() {
		this.writtenAtMillis = this.clockMillis;
	}

	List<LogBatch> batches() {
		return this.logs.readRecordsToList().stream().map(TestRecord::value).toList();
	}

	List<String> messages(LogBatch batch) {
		return batch.getEntries().stream().map((entry) -> entry.getMessage()).toList();
	}

	double counter(String name, String... tags) {
		var counter = this.registry.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Override
	public void close() {
		this.driver.close();
	}

}
