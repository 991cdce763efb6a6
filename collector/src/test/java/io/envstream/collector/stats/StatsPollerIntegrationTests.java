package io.envstream.collector.stats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import io.envstream.collector.CollectorMetrics;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The poller against the real engine, which answers a one-shot reading at its next round, once a second. */
class StatsPollerIntegrationTests {

	private static final DockerFixture docker = DockerFixture.shared();

	private static final int CONTAINERS = 6;

	@Test
	void publishesEveryRunningContainerEveryIntervalNotOneContainerASecond() throws IOException {
		String run = "poll-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		List<DemoContainer> containers = new ArrayList<>();
		Map<String, AtomicInteger> published = new ConcurrentHashMap<>();
		List<ContainerMetrics> wrong = new ArrayList<>();
		try (StatsReadings readings = StatsReadings.connect(
				DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(docker.host()).build(),
				StatsReadings.READING_TIMEOUT)) {
			for (int i = 0; i < CONTAINERS; i++) {
				containers.add(docker.startDemo(run + i, "idle"));
			}
			// given a poller sampling six quiet running containers every second
			StatsPoller poller = new StatsPoller(readings, (metrics) -> {
				String expectedEnv = run + containers.stream().map(DemoContainer::id).toList().indexOf(metrics.getContainerId());
				if (!metrics.getEnvId().equals(expectedEnv) || !metrics.getHostId().equals("host-a")) {
					synchronized (wrong) {
						wrong.add(metrics);
					}
				}
				published.computeIfAbsent(metrics.getContainerId(), (id) -> new AtomicInteger()).incrementAndGet();
			}, "host-a", Duration.ofSeconds(1), new CollectorMetrics(new SimpleMeterRegistry()));
			try {
				for (int i = 0; i < CONTAINERS; i++) {
					poller.watch(containers.get(i).id(), run + i);
				}
				poller.start();

				// then every container's metrics come at least every other second: their readings, each waiting for
				// the engine's round, were taken one after another once, six seconds a tick
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(published).hasSize(CONTAINERS);
					assertThat(published.values()).allSatisfy((count) -> assertThat(count).hasValueGreaterThanOrEqualTo(3));
				});
				synchronized (wrong) {
					assertThat(wrong).as("metrics under the wrong environment or host").isEmpty();
				}
			}
			finally {
				poller.stop();
			}
		}
		finally {
			containers.forEach(DemoContainer::close);
		}
	}

}
