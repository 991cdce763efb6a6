package io.envstream.processor.topology;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.google.re2j.Pattern;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTests {

	/** A replacement naming a group the pattern lacks: fails only on the lines the pattern matches. */
	private static final RedactionRule BROKEN = new RedactionRule("broken", Pattern.compile("secret"), "$9");

	@Test
	void undecodableRecordGoesToTheDeadLetterTopicAsReadWithTheReasonAndTheNextLineFlows() {
		byte[] garbage = { 1, 2, 3, 4 };
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.raw.pipeInput("env-a", garbage);
			topology.line("env-a", "still flowing");

			TestRecord<String, byte[]> dead = topology.deadLetters.readRecord();
			assertThat(dead.key()).isEqualTo("env-a");
			assertThat(dead.value()).isEqualTo(garbage);
			assertThat(header(dead.headers(), DeadLetterHeaders.REASON))
				.startsWith("envstream.logs.raw: cannot decode LogEventBatch: bad header");
			assertThat(header(dead.headers(), DeadLetterHeaders.TOPIC)).isEqualTo("envstream.logs.raw");
			assertThat(header(dead.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
			assertThat(topology.batches()).singleElement()
				.satisfies((batch) -> assertThat(topology.messages(batch)).containsExactly("still flowing"));
			assertThat(topology.counter("envstream.processor.dead.letters", "cause", "undecodable")).isEqualTo(1);
		}
	}

	@Test
	void lineARuleFailsOnGoesToTheDeadLetterTopicWithItsReasonAndTheNextLineFlows() {
		try (TopologyFixture topology = withBrokenRule()) {
			LogEventBatch poison = topology.line("env-a", "a secret");
			topology.line("env-a", "still flowing");

			TestRecord<String, byte[]> dead = topology.deadLetters.readRecord();
			assertThat(dead.key()).isEqualTo("env-a");
			assertThat(TopologyFixture.decode(dead.value()))
				.isEqualTo(poison);
			assertThat(header(dead.headers(), DeadLetterHeaders.REASON))
				.startsWith("cannot filter or redact the line: java.lang.IndexOutOfBoundsException");
			assertThat(header(dead.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
			assertThat(topology.batches()).singleElement()
				.satisfies((batch) -> assertThat(topology.messages(batch)).containsExactly("still flowing"));
			assertThat(topology.counter("envstream.processor.dead.letters", "cause", "unprocessable")).isEqualTo(1);
			assertThat(topology.counter("envstream.processor.dead.letters", "cause", "undecodable")).isZero();
		}
	}

	@Test
	void lineOfARecordThatARuleFailsOnGoesToTheDeadLetterTopicAloneAndTheOtherLinesOfTheRecordFlow() {
		try (TopologyFixture topology = withBrokenRule()) {
			LogEventBatch record = topology.record("env-a", "first", "a secret", "third", "another secret", "fifth");

			List<TestRecord<String, byte[]>> dead = topology.deadLetters.readRecordsToList();
			assertThat(dead).extracting((letter) -> TopologyFixture.decode(letter.value())).containsExactly(
						new LogEventBatch("env-a", "host-1", "c-env-a", List.of(record.getLines().get(1))),
						new LogEventBatch("env-a", "host-1", "c-env-a", List.of(record.getLines().get(3))));
			// each dead letter carries its own reason and origin once, not those of the record's other dead letters
			assertThat(dead).allSatisfy((letter) -> {
				assertThat(letter.headers().headers(DeadLetterHeaders.REASON)).hasSize(1);
				assertThat(header(letter.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
			});
			assertThat(topology.batches()).singleElement().satisfies((batch) -> {
				assertThat(topology.messages(batch)).containsExactly("first", "third", "fifth");
				assertThat(batch.getEntries()).extracting((entry) -> entry.getSeq()).containsExactly(0L, 2L, 4L);
			});
			assertThat(topology.counter("envstream.processor.dead.letters", "cause", "unprocessable")).isEqualTo(2);
		}
	}

	@Test
	void singleLineRecordOfAnOlderCollectorThatARuleFailsOnIsDeadLetteredAsARecordOfOneLine() {
		try (TopologyFixture topology = withBrokenRule()) {
			LogEvent poison = topology.legacyLine("env-a", "a secret");

			TestRecord<String, byte[]> dead = topology.deadLetters.readRecord();
			assertThat(TopologyFixture.decode(dead.value()))
				.isEqualTo(new LogEventBatch("env-a", "host-1", "c-env-a", List.of(new RawLine(poison.getStream(),
						poison.getTimestampNanos(), poison.getSeq(), "a secret", false))));
			assertThat(topology.logs.isEmpty()).isTrue();
		}
	}

	@Test
	void recordWhoseKeyIsNotItsEnvironmentIsRefused() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.write("env-b", new LogEventBatch("env-a", "h", "c",
					List.of(new RawLine(Stream.STDOUT, 1L, 1L, "misrouted", false))));
			topology.write("env-b", new LogEvent("env-a", "h", "c", Stream.STDOUT, 2L, 2L, "misrouted too", false));

			assertThat(topology.deadLetters.readRecordsToList())
				.extracting((dead) -> header(dead.headers(), DeadLetterHeaders.REASON))
				.containsOnly("envstream.logs.raw: key 'env-b' is not the envId 'env-a' of the lines")
				.hasSize(2);
			assertThat(topology.logs.isEmpty()).isTrue();
		}
	}

	@Test
	void recordWithoutLinesIsRefused() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.write("env-a", new LogEventBatch("env-a", "h", "c", List.of()));

			TestRecord<String, byte[]> dead = topology.deadLetters.readRecord();
			assertThat(header(dead.headers(), DeadLetterHeaders.REASON))
				.isEqualTo("envstream.logs.raw: a record without lines");
			assertThat(topology.counter("envstream.processor.dead.letters", "cause", "undecodable")).isEqualTo(1);
		}
	}

	@Test
	void tombstoneIsRefused() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.raw.pipeInput("env-a", (byte[]) null);

			assertThat(header(topology.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
				.contains("without a value");
		}
	}

	private static TopologyFixture withBrokenRule() {
		return new TopologyFixture(TopologyFixture.LIMITS, List.of(), List.of(BROKEN));
	}

	private static String header(Headers headers, String name) {
		return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
