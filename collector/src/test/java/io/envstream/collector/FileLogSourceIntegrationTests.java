package io.envstream.collector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector reading containers' json-file log files itself ({@code log-source}): through many
 * rotations at a high rate, across a hard stop and a restart (also from one source to the other,
 * each resuming from the other's checkpoint), and falling back to the engine's API for a container
 * of another log driver.
 */
class FileLogSourceIntegrationTests {

	private static final DockerFixture docker = DockerFixture.shared();

	@Test
	void shipsEveryLineOnceAndInOrderThroughManyRotationsAtAHighRate() {
		// given a json-file log rotated every 200 KB (about 1,200 lines), twenty files kept
		String env = env();
		int count = 20_000;
		String id = create(env, rotating("200k", "20"), "lines", "-r", "10000", "-n", String.valueOf(count), "-s", "120");

		// when it writes 20,000 lines at 10,000 lines/s while followed from its files, then every
		// line arrives once, in order, numbered as written
		shipsEveryLineOnceInOrder(env, id, count, "envstream.collector.log-source=files");
	}

	// Rotations only where the API does not resume: following a rotating log through the API from a
	// second, dockerd 20.10 was seen to stall for good (10,658 of 12,000 lines, then nothing for a minute).
	@ParameterizedTest(name = "{0} then {1}, rotated at {2}")
	@CsvSource({ "files, files, 256k", "api, files, 256k", "files, api, 10m" })
	void losesAndRepeatsNothingAcrossAHardStopAndARestart(String before, String after, String maxSize) {
		// given a container writing 2,000 lines/s into a log rotated at maxSize (256k: about 1,400 lines), followed by a collector
		String hostId = RunningCollector.newHostId();
		String env = env();
		int count = 12_000;
		String id = create(env, rotating(maxSize, "20"), "lines", "-r", "2000", "-n", String.valueOf(count), "-s", "120");
		RunningCollector first = RunningCollector.start(hostId, "envstream.collector.log-source=" + before);
		try (TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env)
				&& e.getHostId().equals(hostId));
				TopicRecords<Checkpoint> checkpoints = new TopicRecords<>(Topics.CHECKPOINTS,
						(c) -> c.getHostId().equals(hostId) && c.getContainerId().equals(id))) {
			docker.client().startContainerCmd(id).exec();

			// when it is killed mid-stream (its transaction left open)
			await().atMost(Duration.ofSeconds(30)).until(() -> logs.read().size() > 3_000);
			first.halt();
			assertThat(logs.read().size()).isLessThan(count);

			// and a collector of the same host resumes from the checkpoint, reading from the other (or the same) source
			try (RunningCollector second = RunningCollector.start(hostId, "envstream.collector.log-source=" + after)) {
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(logs.read()).hasSize(count));

				// then every line is there exactly once, its seq being its line number
				assertEveryLineOnceInOrder(logs.read(), count);
				// and the checkpoint holds the file position of its record when the files were read
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(checkpoints.read())
					.last()
					.satisfies((checkpoint) -> {
						assertThat(checkpoint.getSeq()).isEqualTo(count);
						assertThat(checkpoint.getLogFilePosition() != null).isEqualTo(after.equals("files"));
					}));
			}
		}
		finally {
			first.close(); // a no-op once halted; stops it when the test failed before
			docker.client().removeContainerCmd(id).withForce(true).exec();
		}
	}

	@Test
	void readsAContainerOfAnotherLogDriverThroughTheApi() {
		// given a collector told to read log files, and a container whose log driver keeps none it could read
		String env = env();
		String id = create(env, new LogConfig(LogConfig.LoggingType.LOCAL), "lines", "-r", "500", "-n", "300");

		// when it writes, then its lines arrive all the same
		shipsEveryLineOnceInOrder(env, id, 300, "envstream.collector.log-source=files");
	}

	@Test
	void readsThroughTheApiWhenTheDataRootIsNotThereUnderAuto() {
		// given a collector that would look for the engine's files where there are none
		String env = env();
		String id = create(env, rotating("64k", "3"), "lines", "-r", "500", "-n", "300");

		// when a json-file container writes, then its lines arrive through the engine's API
		shipsEveryLineOnceInOrder(env, id, 300, "envstream.collector.log-source=auto",
				"envstream.collector.docker-root-dir=/nonexistent/docker");
	}

	/** Starts the container under a new collector with these properties, and checks what reaches Kafka. */
	private static void shipsEveryLineOnceInOrder(String env, String containerId, int count, String... properties) {
		String hostId = RunningCollector.newHostId();
		try (RunningCollector collector = RunningCollector.start(hostId, properties);
				TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env)
						&& e.getHostId().equals(hostId))) {
			docker.client().startContainerCmd(containerId).exec();

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(logs.read()).hasSize(count));
			assertEveryLineOnceInOrder(logs.read(), count);
		}
		finally {
			docker.client().removeContainerCmd(containerId).withForce(true).exec();
		}
	}

	private static void assertEveryLineOnceInOrder(List<LogEvent> lines, int count) {
		assertThat(lines).extracting(LogEvent::getSeq)
			.containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
		assertThat(lines).allMatch((e) -> e.getMessage().startsWith("line seq=" + e.getSeq() + " "));
	}

	private static LogConfig rotating(String maxSize, String maxFile) {
		return new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size", maxSize, "max-file", maxFile));
	}

	private static String create(String env, LogConfig logConfig, String... command) {
		String[] demo = new String[command.length + 1];
		demo[0] = "demo";
		System.arraycopy(command, 0, demo, 1, command.length);
		return docker.client().createContainerCmd(docker.demoImage())
			.withName("envstream-test-" + env)
			.withLabels(Map.of("envstream.environment", env, "envstream.test", "true"))
			.withHostConfig(HostConfig.newHostConfig().withLogConfig(logConfig))
			.withCmd(demo)
			.exec()
			.getId();
	}

	private static String env() {
		return "env-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
