package io.envstream.collector;

import java.time.Duration;
import java.util.UUID;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A line as long as the default {@code max-line-bytes} (1 MiB) against a broker with Kafka's default record limit
 * (1 MiB + 12 bytes): its record must fit, or its transaction would fail on every retry and stop the whole host.
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

}
