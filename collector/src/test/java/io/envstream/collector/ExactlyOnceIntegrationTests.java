package io.envstream.collector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ExactlyOnceIntegrationTests {

	private static final int LINES = 12_000;

	private final DockerFixture docker = DockerFixture.shared();

	@Test
	void shipsEverySeqExactlyOnceAcrossAHardStopMidStream() {
		// given two containers writing 1,000 lines/s each, and a collector following them
		String hostId = RunningCollector.newHostId();
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<String> envs = List.of("eo-a-" + run, "eo-b-" + run);
		RunningCollector first = RunningCollector.start(hostId);
		List<DemoContainer> containers = envs.stream()
			.map((env) -> this.docker.startDemo(env, "lines", "-r", "1000", "-n", String.valueOf(LINES)))
			.toList();
		try (TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> envs.contains(e.getEnvId()) && e.getHostId().equals(hostId))) {
			// when the collector is killed mid-stream (nothing more committed, its transaction left open)
			await().atMost(Duration.ofSeconds(30)).until(() -> logs.read().size() > 3_000);
			first.halt();
			int beforeRestart = logs.read().size();
			assertThat(beforeRestart).isLessThan(2 * LINES);

			// and a new collector with the same host id starts while the containers keep writing
			try (RunningCollector second = RunningCollector.start(hostId)) {
				assertThat(second.hostId()).isEqualTo(first.hostId());
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(logs.read()).hasSize(2 * LINES));

				// then every line of every container is there exactly once, its seq being its line number
				Map<String, List<LogEvent>> byContainer = logs.read().stream()
					.collect(Collectors.groupingBy(LogEvent::getContainerId));
				assertThat(byContainer).hasSize(2);
				for (List<LogEvent> lines : byContainer.values()) {
					assertThat(lines).extracting(LogEvent::getSeq)
						.containsExactlyElementsOf(LongStream.rangeClosed(1, LINES).boxed().toList());
					assertThat(lines).allMatch((e) -> e.getMessage().startsWith("line seq=" + e.getSeq() + " "));
				}
				assertThat(logs.read().stream().collect(Collectors.groupingBy(LogEvent::getEnvId, Collectors.counting())))
					.containsOnlyKeys(envs);
				// and lines share records: a transaction carries what its container wrote while the last one committed
				assertThat(logs.records()).isLessThan(LINES);
			}
		}
		finally {
			containers.forEach(DemoContainer::close);
		}
	}


}
