package io.envstream.collector;

import java.time.Duration;
import java.util.UUID;

import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A container removed while its host's collector was stopped: nobody saw its destroy event, so the
 * next collector must say the environment is gone, or every list shows it running for good. No other
 * collector may follow this class's containers (it would write the environment's descriptors under its
 * own host id), so this class has no shared collector.
 */
class RemovalWhileStoppedIntegrationTests {

	@Test
	void theNextCollectorSaysAnEnvironmentIsRemovedWhenItsContainerWentWhileNoneRan() {
		String env = "gone-" + UUID.randomUUID().toString().substring(0, 8);
		String hostId = RunningCollector.newHostId();
		// started first: it provisions the topics the readers below are assigned (they read from the beginning)
		RunningCollector first = RunningCollector.start(hostId);
		try (TopicRecords<EnvironmentStatus> statuses = new TopicRecords<>(Topics.STATUS,
				(s) -> s.getEnvId().equals(env) && s.getHostId().equals(hostId));
				TopicRecords<EnvironmentDescriptor> descriptors = new TopicRecords<>(Topics.ENVIRONMENTS,
						(d) -> d.getEnvId().equals(env) && d.getHostId().equals(hostId))) {
			// given a collector announced a running environment
			DemoContainer container = DockerFixture.shared().startDemo(env, "idle");
			String containerId = container.id();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(statuses.read())
				.extracting(EnvironmentStatus::getContainerId, EnvironmentStatus::getStatus)
				.contains(tuple(containerId, Status.RUNNING)));

			// when that collector stops like a crash, and its container is removed while no collector runs
			first.halt();
			container.close();

			// then the next collector of the host says the environment is removed, once
			try (RunningCollector second = RunningCollector.start(hostId)) {
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(descriptors.read())
					.extracting(EnvironmentDescriptor::getContainerId, EnvironmentDescriptor::getRemoved)
					.containsSubsequence(tuple(containerId, false), tuple(null, true)));
				assertThat(statuses.read()).extracting(EnvironmentStatus::getContainerId, EnvironmentStatus::getStatus)
					.endsWith(tuple(containerId, Status.REMOVED));
				assertThat(statuses.read()).filteredOn((s) -> s.getStatus() == Status.REMOVED).hasSize(1);
			}

			// and a collector started after that finds nothing of it left to remove
			try (RunningCollector third = RunningCollector.start(hostId)) {
				await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
				assertThat(descriptors.read()).filteredOn(EnvironmentDescriptor::getRemoved).hasSize(1);
			}
		}
		finally {
			// stopped already unless the test failed before its crash
			first.close();
		}
	}

}
