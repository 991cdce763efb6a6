package io.envstream.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import io.envstream.collector.stats.StatsPoller;
import io.envstream.collector.stats.StatsReadings;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.terminal.AgentToken;
import io.envstream.schemas.terminal.AgentTokens;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A container whose runtime shim hangs: the engine holds its {@code inspect} and its stats until the shim answers
 * (here, a {@code docker kill} waits on the stopped shim while the engine holds the container). Made on the real
 * engine by stopping the shim (SIGSTOP), so the test runs where the engine runs, as root, as the test command does.
 */
class HungContainerIntegrationTests {

	private static final DockerFixture docker = DockerFixture.shared();

	private static final String MASTER = "hung-container-test-secret-0123456789";

	@Test
	void aContainerTheEngineCannotDescribeHoldsUpNoOtherAndIsReadOnceItRecovers() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String hungEnv = "hung-" + run;
		String otherEnv = "beside-hung-" + run;
		ExecutorService killer = Executors.newSingleThreadExecutor();
		try (DemoContainer hung = docker.startDemo(hungEnv, "sh", "-c", "echo before-the-hang && exec demo idle")) {
			await().atMost(Duration.ofSeconds(30)).until(() -> hung.logs().contains("before-the-hang"));
			long shim = shimOf(hung);
			try {
				// given a container whose shim hangs, with a kill waiting on it
				Process stop = new ProcessBuilder("kill", "-STOP", String.valueOf(shim)).redirectErrorStream(true).start();
				String output = new String(stop.getInputStream().readAllBytes());
				assertThat(stop.waitFor()).as("kill -STOP %d (the shim runs as root: so must the tests): %s", shim, output)
					.isZero();
				killer.submit(() -> docker.client().killContainerCmd(hung.id()).exec());
				try (EngineQuestions impatient = new EngineQuestions(Duration.ofSeconds(2))) {
					// (once the kill has reached the engine, which then holds the container)
					await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(AssertionError.class).untilAsserted(
							() -> assertThatExceptionOfType(EngineQuestions.EngineDidNotAnswerException.class)
								.as("the engine holds the hung container's inspect")
								.isThrownBy(() -> impatient.ask("the hung container",
										() -> docker.client().inspectContainerCmd(hung.id()).exec())));
				}
				// then sampling its stats gives the reading up (the engine holds it too) rather than waiting for good
				MeterRegistry registry = new SimpleMeterRegistry();
				try (StatsReadings readings = StatsReadings.connect(DefaultDockerClientConfig.createDefaultConfigBuilder()
					.withDockerHost(docker.host())
					.build(), StatsReadings.READING_TIMEOUT)) {
					StatsPoller poller = new StatsPoller(readings, (metrics) -> {
					}, "host-a", Duration.ofSeconds(1), new CollectorMetrics(registry));
					poller.watch(hung.id(), hungEnv);
					poller.start();
					try {
						await().atMost(Duration.ofSeconds(15))
							.until(() -> registry.counter("envstream.collector.read.errors").count() >= 1);
					}
					finally {
						poller.stop();
					}
				}

				// and a container created after it, which the collector's listing reaches second
				String hostId = RunningCollector.newHostId();
				try (DemoContainer other = docker.startDemo(otherEnv, "lines", "-n", "5");
						RunningCollector collector = RunningCollector.start(hostId,
								"envstream.collector.terminal.key=" + AgentTokens.hostKey(MASTER, hostId));
						TopicRecords<LogEvent> otherLines = TopicRecords.rawLines((e) -> e.getEnvId().equals(otherEnv)
								&& e.getHostId().equals(collector.hostId()));
						TopicRecords<LogEvent> hungLines = TopicRecords.rawLines((e) -> e.getEnvId().equals(hungEnv)
								&& e.getHostId().equals(collector.hostId()))) {

					try {
						// then the other container's lines are shipped (its inspect comes once the hung one's is given up)
						await().atMost(Duration.ofSeconds(40)).until(() -> otherLines.read().size() == 5);

						// and a terminal asked for in the hung container is refused with the reason, not left waiting
						AgentToken token = new AgentToken("alice", hungEnv, hostId, hung.id(), null, 0, 0, null,
								AgentTokens.newNonce(), System.currentTimeMillis() + 10_000);
						try (AgentClient terminal = AgentClient.connect(collector.port(),
								AgentTokens.forHost(MASTER, hostId).sign(token))) {
							AgentClient.Close refused = terminal.awaitClose();
							assertThat(refused.code()).isEqualTo(1011);
							assertThat(refused.reason()).contains("did not answer");
						}
					}
					finally {
						// and once the shim answers again (the kill goes through)
						resume(shim);
					}
					// the hung container's log is read
					await().atMost(Duration.ofSeconds(40))
						.until(() -> hungLines.read().stream().anyMatch((e) -> e.getMessage().equals("before-the-hang")));
				}
			}
			finally {
				// before the container's removal, which would wait on the shim too
				resume(shim);
			}
		}
		finally {
			killer.shutdownNow();
			killer.awaitTermination(30, TimeUnit.SECONDS);
		}
	}

	/** The containerd shim the container's first process runs under: its parent. */
	private static long shimOf(DemoContainer container) throws IOException {
		Long pid = docker.client().inspectContainerCmd(container.id()).exec().getState().getPidLong();
		Path status = Path.of("/proc", String.valueOf(pid), "status");
		assertThat(status).as("the engine runs on this machine: its containers' processes are in /proc").exists();
		return Files.readAllLines(status)
			.stream()
			.filter((line) -> line.startsWith("PPid:"))
			.map((line) -> Long.parseLong(line.substring("PPid:".length()).trim()))
			.findFirst()
			.orElseThrow();
	}

	/** Lets the shim run on (again): a running process ignores it. */
	private static void resume(long shim) throws IOException, InterruptedException {
		new ProcessBuilder("kill", "-CONT", String.valueOf(shim)).start().waitFor();
	}


}
