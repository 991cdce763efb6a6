package io.envstream.collector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.model.HealthCheck;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

class LifecycleIntegrationTests {

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
	void keepsFollowingAnEnvironmentThroughRestartAndRecreationWithStatusesInOrder() {
		String env = "life-" + UUID.randomUUID().toString().substring(0, 8);
		try (TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env) && e.getHostId().equals(collector.hostId()));
				TopicRecords<EnvironmentStatus> statuses = new TopicRecords<>(Topics.STATUS,
						(s) -> s.getEnvId().equals(env) && s.getHostId().equals(collector.hostId()));
				TopicRecords<EnvironmentDescriptor> descriptors = new TopicRecords<>(Topics.ENVIRONMENTS,
						(d) -> d.getEnvId().equals(env) && d.getHostId().equals(collector.hostId()))) {
			// given a container of the environment writing lines
			DemoContainer first = docker.startDemo(env, "lines", "-r", "20", "-p", "first");
			String firstId = first.id();
			try {
				await().atMost(Duration.ofSeconds(60)).until(() -> logs.read().size() >= 5);

				// when it is restarted (the demo exits 0 on SIGTERM), its lines go on with the same seq
				// (counted from the restarted run's own line 1: lines of the first run may still be on their way)
				docker.client().restartContainerCmd(firstId).withTimeout(10).exec();
				await().atMost(Duration.ofSeconds(60)).until(() -> linesOfTheSecondRun(logs.read()) >= 20);
			}
			finally {
				// and then it is removed (killed: 137)
				first.close();
			}
			List<LogEvent> firstLines = logs.read();
			assertThat(firstLines).extracting(LogEvent::getSeq)
				.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, firstLines.size()).boxed().toList());
			assertThat(firstLines.stream().filter((e) -> e.getMessage().startsWith("first seq=1 ")).count())
				.as("line 1 of both runs").isEqualTo(2);

			// and a new container of the same environment exits with 3 after writing a line
			try (DemoContainer second = docker.startDemo(env, "sh", "-c", "echo second; sleep 1; exit 3")) {
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(statuses.read())
					.extracting(EnvironmentStatus::getContainerId, EnvironmentStatus::getStatus)
					.contains(tuple(second.id(), Status.EXITED)));

				// then the same environment is followed on: the new container's line, its own seq from 1
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(logs.read())
					.filteredOn((e) -> e.getContainerId().equals(second.id()))
					.extracting(LogEvent::getMessage, LogEvent::getSeq)
					.containsExactly(tuple("second", 1L)));

				// and the statuses came in the engine's order, with exit codes
				assertThat(statuses.read()).extracting(EnvironmentStatus::getContainerId, EnvironmentStatus::getStatus,
						EnvironmentStatus::getExitCode)
					.containsSubsequence(tuple(firstId, Status.CREATED, null), tuple(firstId, Status.RUNNING, null),
							tuple(firstId, Status.EXITED, 0), tuple(firstId, Status.STOPPED, 0),
							tuple(firstId, Status.RUNNING, null), tuple(firstId, Status.EXITED, 137),
							tuple(firstId, Status.REMOVED, 137), tuple(second.id(), Status.CREATED, null),
							tuple(second.id(), Status.RUNNING, null), tuple(second.id(), Status.EXITED, 3));
				
				// and the descriptor moved from the removed container to the new one
				assertThat(descriptors.read()).extracting(EnvironmentDescriptor::getContainerId,
						EnvironmentDescriptor::getRemoved)
					.containsSubsequence(tuple(firstId, false), tuple(null, true), tuple(second.id(), false));
			}
		}
	}

	@Test
	void publishesHealthChangesAndPauses() {
		String env = "health-" + UUID.randomUUID().toString().substring(0, 8);
		String id = docker.client().createContainerCmd(docker.demoImage())
			.withName("envstream-test-" + env)
			.withLabels(Map.of("envstream.environment", env, "envstream.test", "true"))
			.withHealthcheck(new HealthCheck().withTest(List.of("CMD-SHELL", "exit 0"))
				.withInterval(Duration.ofMillis(500).toNanos())
				.withTimeout(Duration.ofSeconds(5).toNanos())
				.withRetries(1))
			.withCmd("demo", "idle")
			.exec()
			.getId();
		try (TopicRecords<EnvironmentStatus> statuses = new TopicRecords<>(Topics.STATUS,
				(s) -> s.getEnvId().equals(env) && s.getHostId().equals(collector.hostId()))) {
			// when the container starts, becomes healthy, is paused and unpaused
			docker.client().startContainerCmd(id).exec();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(statuses.read())
				.extracting(EnvironmentStatus::getHealth).contains("healthy"));
			docker.client().pauseContainerCmd(id).exec();
			docker.client().unpauseContainerCmd(id).exec();

			// then each change is a status, in order
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(statuses.read())
				.extracting(EnvironmentStatus::getStatus, EnvironmentStatus::getHealth)
				.containsSubsequence(tuple(Status.RUNNING, null), tuple(Status.RUNNING, "healthy"),
						tuple(Status.PAUSED, "healthy"), tuple(Status.RUNNING, "healthy")));
		}
		finally {
			docker.client().removeContainerCmd(id).withForce(true).exec();
		}
	}

	@Test
	void publishesMetricsEveryIntervalWithTheCpuOfABusyContainer() {
		String env = "burn-" + UUID.randomUUID().toString().substring(0, 8);
		try (TopicRecords<ContainerMetrics> metrics = new TopicRecords<>(Topics.METRICS, (m) -> m.getEnvId().equals(env) && m.getHostId().equals(collector.hostId()));
				DemoContainer burning = docker.startBurner(env, 60)) {
			// the stats interval is 1 s here
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				List<ContainerMetrics> samples = metrics.read();
				assertThat(samples).hasSizeGreaterThanOrEqualTo(5);
				assertThat(samples).anyMatch((m) -> m.getCpuPercent() > 50);
			});
			List<ContainerMetrics> samples = metrics.read();
			assertThat(samples).extracting(ContainerMetrics::getContainerId).containsOnly(burning.id());
			assertThat(samples).allMatch((m) -> m.getMemoryBytes() > 0 && m.getMemoryLimitBytes() > 0 && m.getPids() >= 1);
			for (int i = 1; i < samples.size(); i++) {
				long gap = samples.get(i).getTimestampMillis() - samples.get(i - 1).getTimestampMillis();
				assertThat(gap).as("time between samples %d and %d", i - 1, i).isBetween(500L, 2_500L);
			}
		}
	}

	/** Lines from the second "first seq=1" on: the demo numbers each run of the container from 1. */
	private static int linesOfTheSecondRun(List<LogEvent> lines) {
		int runs = 0;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).getMessage().startsWith("first seq=1 ") && ++runs == 2) {
				return lines.size() - i;
			}
		}
		return 0;
	}

}
