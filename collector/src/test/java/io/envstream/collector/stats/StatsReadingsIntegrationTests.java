package io.envstream.collector.stats;

import java.io.IOException;
import java.util.UUID;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One-shot stats readings, against the real engine. */
class StatsReadingsIntegrationTests {

	private static final DockerFixture docker = DockerFixture.shared();

	private static StatsReadings readings;

	@BeforeAll
	static void connect() {
		readings = StatsReadings.connect(
				DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(docker.host()).build(),
				StatsReadings.READING_TIMEOUT);
	}

	@AfterAll
	static void disconnect() throws IOException {
		readings.close();
	}

	@Test
	void measuresABusyContainerBetweenTwoReadingsAndNothingOnceItStoppedOrWent() throws Exception {
		try (DemoContainer burning = docker.startBurner("stats-" + UUID.randomUUID().toString().substring(0, 8), 60)) {
			// given two readings of a container that burns a core, a second apart
			StatsSample before = readings.read(burning.id());
			Thread.sleep(1_000);
			StatsSample now = readings.read(burning.id());

			// then the CPU between them is most of a core (the CPU since the container started, over the host's since
			// it booted, would be a few percent), and the other figures are there
			assertThat(before).isNotNull();
			assertThat(now).isNotNull();
			assertThat(now.preCpuTotal()).as("a one-shot reading carries no previous one").isZero();
			assertThat(DockerStatsMath.cpuPercent(now.since(before))).isBetween(50.0, 200.0);
			assertThat(now.memoryUsage()).isPositive();
			assertThat(now.memoryLimit()).isPositive();
			assertThat(now.pids()).isPositive();

			// and a stopped container has no reading, nor one that went
			burning.stop();
			assertThat(readings.read(burning.id())).isNull();
			burning.close();
			assertThat(readings.read(burning.id())).isNull();
		}
	}

}
