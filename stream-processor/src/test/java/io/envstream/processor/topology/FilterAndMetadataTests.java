package io.envstream.processor.topology;

import java.time.Duration;
import java.util.List;

import com.google.re2j.Pattern;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FilterAndMetadataTests {

	private static final BatchLimits LIMITS = new BatchLimits(100, Duration.ofMillis(100), 256 * 1024);

	@Test
	void globalRuleDropsMatchingLinesOfEveryEnvironment() {
		DropRule healthChecks = new DropRule(Pattern.compile("GET /health"), null);
		try (TopologyFixture topology = new TopologyFixture(LIMITS, List.of(healthChecks), List.of())) {
			topology.line("env-a", "GET /health 200");
			topology.line("env-b", "10.0.0.1 GET /health 200");
			topology.line("env-b", "GET /orders 200");
			topology.advance(100);

			assertThat(messages(topology)).containsExactly("GET /orders 200");
			assertThat(topology.counter("envstream.processor.records.dropped", "scope", "global")).isEqualTo(2);
			assertThat(topology.counter("envstream.processor.records.in")).isEqualTo(3);
		}
	}

	@Test
	void environmentRuleDropsOnlyInItsEnvironment() {
		DropRule debugOfA = new DropRule(Pattern.compile("^DEBUG"), "env-a");
		try (TopologyFixture topology = new TopologyFixture(LIMITS, List.of(debugOfA), List.of())) {
			topology.line("env-a", "DEBUG noisy");
			topology.line("env-b", "DEBUG kept");
			topology.line("env-a", "INFO kept");
			topology.advance(100);

			assertThat(messages(topology)).containsExactlyInAnyOrder("DEBUG kept", "INFO kept");
			assertThat(topology.counter("envstream.processor.records.dropped", "scope", "environment")).isEqualTo(1);
		}
	}

	@Test
	void filterMatchesTheLineAsWrittenNotAsRedacted() {
		DropRule secrets = new DropRule(Pattern.compile("password=hunter2"), null);
		try (TopologyFixture topology = new TopologyFixture(LIMITS, List.of(secrets), RedactionRule.defaults())) {
			topology.line("env-a", "login password=hunter2");

			assertThat(topology.batches()).isEmpty();
		}
	}

	@Test
	void copiesLevelAndApplicationTimestampOfJsonLinesLeavingTheMessageUntouched() {
		String json = "{\"ts\":\"2026-11-25T10:00:00.123Z\",\"msg\":\"started\",\"nested\":{\"level\":\"x\"},\"level\":\"WARN\"}";
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", json);

			LogEntry entry = onlyEntry(topology);
			assertThat(entry.getMessage()).isEqualTo(json);
			assertThat(entry.getMetadata()).containsOnly(org.assertj.core.api.Assertions.entry("level", "warn"),
					org.assertj.core.api.Assertions.entry("appTimestamp", "2026-11-25T10:00:00.123Z"));
		}
	}

	@Test
	void readsSeverityAsLevelAndNumericTimestamps() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "  {\"severity\":\"error\",\"time\":1764064800123}");

			assertThat(onlyEntry(topology).getMetadata()).containsEntry("level", "error")
				.containsEntry("appTimestamp", "1764064800123");
		}
	}

	@Test
	void addsNoMetadataToPlainOrBrokenJsonLines() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "{not json level: info");
			topology.line("env-b", "level=info plain text");

			assertThat(topology.batches()).flatExtracting((batch) -> batch.getEntries())
				.extracting(LogEntry::getMetadata)
				.allSatisfy((metadata) -> assertThat(metadata).isEmpty());
		}
	}

	@Test
	void carriesEveryFieldOfEachLineOfARecordAndMarksTruncatedOnes() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.write("env-a", new LogEventBatch("env-a", "host-9", "c-9",
					List.of(new RawLine(Stream.STDERR, 1_795_600_800_123_456_789L, 42L, "cut", true),
							new RawLine(Stream.STDOUT, 1_795_600_800_123_456_790L, 43L, "whole", false))));

			assertThat(topology.batches()).flatExtracting(LogBatch::getEntries)
				.extracting(LogEntry::getStream, LogEntry::getTimestampNanos, LogEntry::getHostId,
						LogEntry::getContainerId, LogEntry::getSeq, (entry) -> entry.getMetadata().get("truncated"))
				.containsExactly(tuple(Stream.STDERR, 1_795_600_800_123_456_789L, "host-9", "c-9", 42L, "true"),
						tuple(Stream.STDOUT, 1_795_600_800_123_456_790L, "host-9", "c-9", 43L, null));
		}
	}

	@Test
	void carriesEveryFieldOfTheSingleLineRecordOfAnOlderCollectorAndMarksTruncatedOnes() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			LogEvent event = new LogEvent("env-a", "host-9", "c-9", Stream.STDERR, 1_795_600_800_123_456_789L, 42L,
					"cut", true);
			topology.write("env-a", event);

			LogEntry entry = onlyEntry(topology);
			assertThat(entry.getStream()).isEqualTo(Stream.STDERR);
			assertThat(entry.getTimestampNanos()).isEqualTo(1_795_600_800_123_456_789L);
			assertThat(entry.getHostId()).isEqualTo("host-9");
			assertThat(entry.getContainerId()).isEqualTo("c-9");
			assertThat(entry.getSeq()).isEqualTo(42L);
			assertThat(entry.getMetadata()).containsEntry("truncated", "true");
		}
	}

	private static List<String> messages(TopologyFixture topology) {
		return topology.batches().stream().flatMap((batch) -> topology.messages(batch).stream()).toList();
	}

	private static LogEntry onlyEntry(TopologyFixture topology) {
		return topology.batches().stream().flatMap((batch) -> batch.getEntries().stream()).toList().get(0);
	}

}
