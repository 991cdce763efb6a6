package io.envstream.processor.topology;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.google.re2j.Pattern;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTests {

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
				.startsWith("envstream.logs.raw: cannot decode LogEvent: bad header");
			assertThat(header(dead.headers(), DeadLetterHeaders.TOPIC)).isEqualTo("envstream.logs.raw");
			assertThat(header(dead.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
			assertThat(topology.batches()).singleElement()
				.satisfies((batch) -> assertThat(topology.messages(batch)).containsExactly("still flowing"));
			assertThat(topology.counter("envstream.processor.dead.letters", "cause", "undecodable")).isEqualTo(1);
		}
	}

	@Test
	void lineARuleFailsOnGoesToTheDeadLetterTopicWithItsReasonAndTheNextLineFlows() {
		// a replacement naming a group the pattern lacks fails only on the lines the pattern matches
		RedactionRule broken = new RedactionRule("broken", Pattern.compile("secret"), "$9");
		try (TopologyFixture topology = new TopologyFixture(TopologyFixture.LIMITS, List.of(), List.of(broken))) {
			LogEvent poison = topology.line("env-a", "a secret");
			topology.line("env-a", "still flowing");

			TestRecord<String, byte[]> dead = topology.deadLetters.readRecord();
			assertThat(dead.key()).isEqualTo("env-a");
			assertThat(Topics.LOGS_RAW.valueSerde().deserializer().deserialize(Topics.LOGS_RAW.name(), dead.value()))
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
	void lineWhoseKeyIsNotItsEnvironmentIsRefused() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.write("env-b", new LogEvent("env-a", "h", "c", Stream.STDOUT, 1L, 1L, "misrouted", false));

			assertThat(header(topology.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
				.isEqualTo("envstream.logs.raw: key 'env-b' is not the envId 'env-a' of the line");
			assertThat(topology.logs.isEmpty()).isTrue();
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

	private static String header(Headers headers, String name) {
		return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
