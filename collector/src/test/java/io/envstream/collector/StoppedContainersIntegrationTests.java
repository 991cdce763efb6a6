package io.envstream.collector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.LongStream;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stopped container's follower looks at it again only when told (a start, a removal, the engine's events coming
 * back) or once a minute, and the reader of a quiet running one asks whether it still runs less and less often, up to
 * once a minute: these say they are told. Each bound here is under the wait they would otherwise have.
 */
class StoppedContainersIntegrationTests {

	private static final DockerFixture docker = DockerFixture.shared();

	@Test
	void letsGoOfAStoppedContainerAsSoonAsItIsRemoved() throws Exception {
		String env = "removed-" + UUID.randomUUID().toString().substring(0, 8);
		try (DemoContainer container = docker.startDemo(env, "lines", "-n", "5")) {
			// given a container that wrote its lines and stopped before a collector started
			assertThat(container.awaitExit(Duration.ofSeconds(30))).isZero();
			try (RunningCollector collector = RunningCollector.start(RunningCollector.newHostId());
					TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env)
							&& e.getHostId().equals(collector.hostId()))) {
				MeterRegistry registry = collector.context().getBean(MeterRegistry.class);
				String tag = container.id().substring(0, 12);
				await().atMost(Duration.ofSeconds(60)).until(() -> logs.read().size() == 5);
				assertThat(registry.find("envstream.collector.container.lag").tag("container", tag).gauge())
					.as("followed while stopped").isNotNull();
				// (its follower has read the log to its end and waits)
				Thread.sleep(1_000);

				// when it is removed
				container.close();

				// then its follower lets go at once
				await().atMost(Duration.ofSeconds(10))
					.until(() -> registry.find("envstream.collector.container.lag").tag("container", tag).gauge() == null);
			}
		}
	}

	@Test
	void letsGoOfAQuietRunningContainerAsSoonAsItIsRemoved() throws Exception {
		String env = "quiet-removed-" + UUID.randomUUID().toString().substring(0, 8);
		try (RunningCollector collector = RunningCollector.start(RunningCollector.newHostId());
				DemoContainer container = docker.startDemo(env, "sh", "-c", "demo lines -n 5 && exec demo idle");
				TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env)
						&& e.getHostId().equals(collector.hostId()))) {
			MeterRegistry registry = collector.context().getBean(MeterRegistry.class);
			String tag = container.id().substring(0, 12);
			// given a running container whose log has been quiet for 16 s: its reader asked whether it runs after 1, 3,
			// 7 and 15 s, and asks next at 31 s
			await().atMost(Duration.ofSeconds(60)).until(() -> logs.read().size() == 5);
			Thread.sleep(16_000);

			// when it is removed
			container.close();

			// then its follower lets go at once
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.find("envstream.collector.container.lag").tag("container", tag).gauge() == null);
		}
	}

	@Test
	void readsAStoppedContainerStartedWhileTheEngineWasAwayOnceItIsBack() throws Exception {
		String env = "started-away-" + UUID.randomUUID().toString().substring(0, 8);
		try (EngineProxy proxy = EngineProxy.start(Path.of("/var/run/docker.sock"));
				RunningCollector collector = RunningCollector.start(RunningCollector.newHostId(),
						"envstream.collector.docker-host=" + proxy.dockerHost());
				DemoContainer container = docker.startDemo(env, "lines", "-n", "5");
				TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env)
						&& e.getHostId().equals(collector.hostId()))) {
			// given a stopped container whose lines were shipped
			assertThat(container.awaitExit(Duration.ofSeconds(30))).isZero();
			await().atMost(Duration.ofSeconds(60)).until(() -> logs.read().size() == 5);
			// (its follower finds it stopped at its first question to the engine, a second after the last line, and waits)
			Thread.sleep(3_000);

			// when it is started again while the collector cannot reach the engine (its start event is lost to it)
			proxy.down();
			docker.client().startContainerCmd(container.id()).exec();
			assertThat(container.awaitExit(Duration.ofSeconds(30))).isZero();
			proxy.up();

			// then the second run's lines follow the first's once the engine is back
			await().atMost(Duration.ofSeconds(40)).until(() -> logs.read().size() == 10);
			assertThat(logs.read()).extracting(LogEvent::getSeq)
				.containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
		}
	}

}
