package io.envstream.collector;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.LongStream;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TransactionIntervalIntegrationTests {

	private final DockerFixture docker = DockerFixture.shared();

	@Test
	void linesOfABusyContainerWaitForTheIntervalAndShareATransaction() {
		// given a collector that begins a transaction at most once a second
		String hostId = RunningCollector.newHostId();
		String env = "interval-" + UUID.randomUUID().toString().substring(0, 8);
		try (RunningCollector collector = RunningCollector.start(hostId, "envstream.collector.transaction-interval=1s");
				TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env)
						&& e.getHostId().equals(hostId));
				// when a container writes 100 lines over a second
				DemoContainer container = this.docker.startDemo(env, "lines", "-r", "100", "-n", "100")) {

			// then every line arrives once, in order
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(logs.read()).hasSize(100));
			assertThat(logs.read()).extracting(LogEvent::getSeq)
				.containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
			// in at most three records: the first lines read, what arrived within the next second, the rest (without
			// the interval, a transaction begins as soon as the last one committed, and a second's lines take many)
			assertThat(logs.records()).isLessThanOrEqualTo(3);
		}
	}

}
