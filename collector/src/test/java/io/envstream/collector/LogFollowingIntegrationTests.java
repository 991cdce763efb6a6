package io.envstream.collector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LogFollowingIntegrationTests {

	private static final DockerFixture docker = DockerFixture.shared();

	private static final Pattern LINE_NUMBER = Pattern.compile("seq=(\\d+) ");

	private static RunningCollector collector;

	@BeforeAll
	static void startCollector() {
		collector = RunningCollector.start(RunningCollector.newHostId(), "envstream.collector.max-line-bytes=128KB");
	}

	@AfterAll
	static void stopCollector() {
		collector.close();
	}

	@Test
	void shipsEveryLineOfSeveralContainersInOrderWithStdoutAndStderrApart() {
		// given three environments writing 400 numbered lines each, odd ones to stdout, even ones to stderr
		List<String> envs = List.of(env(), env(), env());
		List<DemoContainer> containers = envs.stream()
			.map((env) -> docker.startDemo(env, "lines", "-r", "400", "-n", "400", "-o", "both"))
			.toList();
		try (TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> envs.contains(e.getEnvId()) && ours(e))) {
			// when they have all been shipped
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(logs.read()).hasSize(3 * 400));

			// then each environment has all its lines once, seq 1..400 in topic order, each stream in program order
			for (String env : envs) {
				List<LogEvent> lines = logs.read().stream().filter((e) -> e.getEnvId().equals(env) && ours(e)).toList();
				assertThat(lines).extracting(LogEvent::getSeq)
					.containsExactlyElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
				assertThat(lines).extracting(LogEvent::getHostId).containsOnly(collector.hostId());
				List<Long> out = numbers(lines, Stream.STDOUT);
				List<Long> err = numbers(lines, Stream.STDERR);
				assertThat(out).isSorted().hasSize(200).allMatch((n) -> n % 2 == 1);
				assertThat(err).isSorted().hasSize(200).allMatch((n) -> n % 2 == 0);
				assertThat(lines).allMatch((e) -> e.getMessage().length() == 200 && !e.getTruncated());
			}
		}
		finally {
			containers.forEach(DemoContainer::close);
		}
	}

	@Test
	void keepsA100KiBLineAndMultiByteCharactersIntact() {
		String env = env();
		String long100k = "y".repeat(100 * 1024);
		String mixed = "gr\u00fc\u00dfe \u20ac \uD83D\uDE00 \u65e5\u672c\u8a9e";
		try (DemoContainer container = docker.startDemo(env);
				TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env) && ours(e))) {
			// when
			container.writeStdout(long100k);
			container.writeStderr(mixed);

			// then
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logs.read()).hasSize(2));
			List<LogEvent> lines = logs.read();
			assertThat(lines).extracting(LogEvent::getMessage).containsExactly(long100k, mixed);
			assertThat(lines).extracting(LogEvent::getStream).containsExactly(Stream.STDOUT, Stream.STDERR);
			assertThat(lines).extracting(LogEvent::getTruncated).containsOnly(false);
			assertThat(lines).extracting(LogEvent::getSeq).containsExactly(1L, 2L);
		}
	}

	@Test
	void keepsACharacterThatTheEngineSplitsBetweenTwoPiecesIntact() {
		// 2-byte characters from an odd offset: the engine's first 16 KiB piece ends inside one.
		// The json-file driver stores each piece as a JSON string and so replaces the halves with
		// U+FFFD itself (docker logs shows the same); the local driver keeps the bytes.
		String env = env();
		String accents = "x" + "\u00e9".repeat(20_000);
		String id = create(env, false, "local", "demo", "idle");
		try (TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env) && ours(e))) {
			docker.client().startContainerCmd(id).exec();
			execSh(id, "printf '%s\\n' \"$1\" > /proc/1/fd/1", accents);

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logs.read()).hasSize(1));
			assertThat(logs.read().get(0).getMessage()).isEqualTo(accents);
		}
		finally {
			docker.client().removeContainerCmd(id).withForce(true).exec();
		}
	}

	@Test
	void cutsALineLongerThanTheMaximumWithAMarker() {
		String env = env();
		try (DemoContainer container = docker.startDemo(env);
				TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env) && ours(e))) {
			// when a 300 KiB line is written (max-line-bytes is 128 KiB here), then a short one
			container.exec("sh", "-c", "head -c 307200 /dev/zero | tr '\\0' z > /tmp/l && echo >> /tmp/l "
					+ "&& cat /tmp/l > /proc/1/fd/1 && echo after > /proc/1/fd/1");

			// then
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logs.read()).hasSize(2));
			LogEvent cut = logs.read().get(0);
			assertThat(cut.getTruncated()).isTrue();
			assertThat(cut.getMessage()).startsWith("z".repeat(128 * 1024))
				.endsWith("\u2026 [truncated " + (300 - 128) * 1024 + " bytes]");
			assertThat(logs.read().get(1).getMessage()).isEqualTo("after");
		}
	}

	@Test
	void followsATtyContainer() {
		String env = env();
		DockerClient client = docker.client();
		String id = create(env, true, "json-file", "demo", "lines", "-r", "200", "-n", "300", "-p", "tty");
		try (TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env) && ours(e))) {
			client.startContainerCmd(id).exec();

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logs.read()).hasSize(300));
			List<LogEvent> lines = logs.read();
			assertThat(numbers(lines, Stream.STDOUT))
				.containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
			assertThat(lines).allMatch((e) -> e.getMessage().startsWith("tty seq=") && !e.getMessage().contains("\r"));
		}
		finally {
			client.removeContainerCmd(id).withForce(true).exec();
		}
	}

	@Test
	void followsThroughJsonFileLogRotation() {
		// given a json-file log rotated every 64 KiB (about 200 lines), ten files kept
		String env = env();
		LogConfig rotating = new LogConfig(LogConfig.LoggingType.JSON_FILE,
				Map.of("max-size", "64k", "max-file", "10"));
		String id = create(env, false, rotating, "demo", "lines", "-r", "500", "-n", "1500", "-s", "120");
		try (TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env) && ours(e))) {
			// when it writes 1,500 lines while followed
			docker.client().startContainerCmd(id).exec();

			// then every line arrives, once, in order
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logs.read()).hasSize(1500));
			assertThat(numbers(logs.read(), Stream.STDOUT))
				.containsExactlyElementsOf(LongStream.rangeClosed(1, 1500).boxed().toList());
		}
		finally {
			docker.client().removeContainerCmd(id).withForce(true).exec();
		}
	}

	private static String create(String env, boolean tty, String logDriver, String... command) {
		return create(env, tty, new LogConfig(LogConfig.LoggingType.fromValue(logDriver)), command);
	}

	private static String create(String env, boolean tty, LogConfig logConfig, String... command) {
		return docker.client().createContainerCmd(docker.demoImage())
			.withName("envstream-test-" + env)
			.withTty(tty)
			.withLabels(Map.of("envstream.environment", env, "envstream.test", "true"))
			.withHostConfig(HostConfig.newHostConfig().withLogConfig(logConfig))
			.withCmd(command)
			.exec()
			.getId();
	}

	private static void execSh(String containerId, String script, String argument) {
		String exec = docker.client().execCreateCmd(containerId)
			.withCmd("sh", "-c", script, "sh", argument)
			.withAttachStdout(true)
			.withAttachStderr(true)
			.exec()
			.getId();
		try {
			docker.client().execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>()).awaitCompletion(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean ours(LogEvent event) {
		return event.getHostId().equals(collector.hostId());
	}

	private static List<Long> numbers(List<LogEvent> lines, Stream stream) {
		return lines.stream().filter((e) -> e.getStream() == stream).map((e) -> {
			Matcher matcher = LINE_NUMBER.matcher(e.getMessage());
			assertThat(matcher.find()).as("line number in %s", e.getMessage()).isTrue();
			return Long.parseLong(matcher.group(1));
		}).toList();
	}

	private static String env() {
		return "env-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
