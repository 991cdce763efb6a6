package io.envstream.collector;

import java.time.Duration;
import java.util.UUID;

import com.github.dockerjava.api.model.LogConfig;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A line as long as the default {@code max-line-bytes} (1 MiB) against a broker with Kafka's default record limit
 * (1 MiB + 12 bytes): its record must fit, or its transaction would fail on every retry and stop the whole host. So
 * must a line of bytes that are not UTF-8, each of which takes three bytes in the record.
 */
class OversizedLineIntegrationTests {

	private static final DockerFixture docker = DockerFixture.shared();

	private static RunningCollector collector;

	@BeforeAll
	static void startCollector() {
		collector = RunningCollector.start(RunningCollector.newHostId());
	}

	@AfterAll
	static void stopCollector() {
		collector.close();
	}

	@Test
	void cutsA1MiBLineToFitTheTopicsRecordsAndShipsTheNextLines() {
		String env = "oversized-" + UUID.randomUUID().toString().substring(0, 8);
		int mebibyte = 1024 * 1024;
		try (DemoContainer container = docker.startDemo(env);
				TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env))) {
			// when a line of exactly 1 MiB is written, then a short one
			container.exec("sh", "-c", "head -c " + mebibyte + " /dev/zero | tr '\\0' z > /tmp/l && echo >> /tmp/l "
					+ "&& cat /tmp/l > /proc/1/fd/1 && echo after > /proc/1/fd/1");

			// then both arrive: the long one cut so its record fits, with the marker saying how much is missing
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(logs.read()).hasSize(2));
			LogEvent cut = logs.read().get(0);
			assertThat(cut.getTruncated()).isTrue();
			assertThat(cut.getMessage()).startsWith("z".repeat(mebibyte - 32 * 1024))
				.endsWith("\u2026 [truncated " + (mebibyte - (mebibyte + 12 - 16 * 1024)) + " bytes]");
			assertThat(logs.read().get(1).getMessage()).isEqualTo("after");
		}
	}

	@ParameterizedTest(name = "log-source {0}, tty {1}")
	@CsvSource({ "files, false", "api, false", "files, true", "api, true" })
	void aLineLongerThanAPieceWhoseCutSplitACharacterArrivesAsOneLine(String source, boolean tty) {
		String env = "split-char-" + UUID.randomUUID().toString().substring(0, 8);
		String euro = "\u20ac";
		// with a TTY the API serves the pieces unframed, each after its timestamp: the piece's U+FFFD bytes past
		// 16 KiB must not be read as the next piece's timestamp
		try (RunningCollector collector = RunningCollector.start(RunningCollector.newHostId(),
				"envstream.collector.log-source=" + source);
				DemoContainer container = tty ? docker.startTtyDemo(env) : docker.startDemo(env);
				TopicRecords<LogEvent> logs = TopicRecords.rawLines(
						(e) -> e.getEnvId().equals(env) && e.getHostId().equals(collector.hostId()))) {
			// when a line of 7,000 three-byte characters is written (21,000 bytes: the engine's 16 KiB cut falls
			// inside the 5,462nd, and json-file stores its three bytes as three U+FFFD), then a short one
			container.exec("sh", "-c", "i=0; s=''; while [ $i -lt 7000 ]; do s=\"$s" + euro + "\"; i=$((i+1)); done; "
					+ "echo \"$s\" > /proc/1/fd/1 && echo after > /proc/1/fd/1");

			// then both arrive as written, the long one whole rather than cut in two at the piece
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(logs.read())
				.extracting(LogEvent::getMessage)
				.last()
				.isEqualTo("after"));
			assertThat(logs.read()).extracting(LogEvent::getMessage)
				.containsExactly(euro.repeat(5461) + "\ufffd".repeat(3) + euro.repeat(1538), "after");
		}
	}

	@Test
	void cutsA1MiBLineOfBytesThatAreNotUtf8ToFitOnceEachBecomesThreeBytesAndShipsTheNextLines() {
		String env = "not-utf8-" + UUID.randomUUID().toString().substring(0, 8);
		int mebibyte = 1024 * 1024;
		int limit = mebibyte + 12 - 16 * 1024;
		// through the engine's API from the local driver the collector gets the bytes as written (json-file stores
		// U+FFFD for each)
		try (RunningCollector api = RunningCollector.start(RunningCollector.newHostId(),
				"envstream.collector.log-source=api");
				DemoContainer container = docker.startDemo(env, new LogConfig(LogConfig.LoggingType.LOCAL));
				TopicRecords<LogEvent> logs = TopicRecords.rawLines(
						(e) -> e.getEnvId().equals(env) && e.getHostId().equals(api.hostId()))) {
			// when a line of 1 MiB of 0xFF bytes is written (U+FFFD each once decoded: 3 MiB), then a short one
			container.exec("sh", "-c", "head -c " + mebibyte + " /dev/zero | tr '\\0' '\\377' > /tmp/l && echo >> /tmp/l "
					+ "&& cat /tmp/l > /proc/1/fd/1 && echo after > /proc/1/fd/1");

			// then both arrive: the long one cut to the limit as the record carries it, a third of its bytes kept
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(logs.read()).hasSize(2));
			LogEvent cut = logs.read().get(0);
			assertThat(cut.getTruncated()).isTrue();
			assertThat(cut.getMessage()).isEqualTo("\uFFFD".repeat(limit / 3) + "\u2026 [truncated "
					+ (mebibyte - limit / 3) + " bytes]");
			assertThat(logs.read().get(1).getMessage()).isEqualTo("after");
		}
	}

}
