package io.envstream.testsupport.docker;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class DockerFixtureIntegrationTests {

	private final DockerFixture docker = DockerFixture.shared();

	@Test
	void linesWrittenForTheMainProcessShowUpInTheContainerLogsOnTheirStream() {
		try (DemoContainer demo = docker.startDemo(environmentId())) {
			// when
			demo.writeStdout("hi");
			demo.writeStderr("oops");

			// then
			FrameCollector logs = docker.client().logContainerCmd(demo.id()).withStdOut(true).withStdErr(true)
					.exec(new FrameCollector());
			logs.await(Duration.ofSeconds(10));
			assertThat(logs.stdout()).isEqualTo("hi\n");
			assertThat(logs.stderr()).isEqualTo("oops\n");
		}
	}

	@Test
	void writtenLinesArriveVerbatimWhateverTheyContain() {
		String line = "it's a \"quoted\" $HOME `id` %s \\n line; exit 7";
		try (DemoContainer demo = docker.startDemo(environmentId())) {
			demo.writeStdout(line);

			assertThat(demo.logs()).isEqualTo(line + "\n");
		}
	}

	@Test
	void demoLinesPrintsTheRequestedNumberOfLinesAndExitsCleanly() {
		try (DemoContainer demo = docker.startDemo(environmentId(), "demo", "lines", "-n", "5", "-r", "50", "-s", "40")) {
			assertThat(demo.awaitExit(Duration.ofSeconds(30))).isZero();
			assertThat(demo.logs().lines()).hasSize(5).allMatch(l -> l.startsWith("line seq="))
					.last().asString().startsWith("line seq=5 ");
		}
	}

	@Test
	void demoExitEndsTheContainerWithTheGivenCode() {
		try (DemoContainer demo = docker.startDemo(environmentId(), "exit", "3")) {
			assertThat(demo.awaitExit(Duration.ofSeconds(30))).isEqualTo(3);
		}
	}

	@Test
	void containerCarriesTheEnvironmentAndAccessLabels() {
		String environmentId = environmentId();
		try (DemoContainer demo = docker.startDemo(environmentId,
				Map.of("envstream.owner", "alice", "envstream.team", "blue"))) {
			Map<String, String> labels = docker.client().inspectContainerCmd(demo.id()).exec().getConfig().getLabels();

			assertThat(labels).containsEntry("envstream.environment", environmentId)
					.containsEntry("envstream.owner", "alice").containsEntry("envstream.team", "blue");
			assertThat(demo.environmentId()).isEqualTo(environmentId);
			assertThat(demo.name()).startsWith("envstream-test-" + environmentId);
		}
	}

	@Test
	void execReturnsTheExitCodeAndBothStreams() {
		try (DemoContainer demo = docker.startDemo(environmentId())) {
			ExecResult result = demo.exec("sh", "-c", "echo out; echo err >&2; exit 4");

			assertThat(result).isEqualTo(new ExecResult(4, "out\n", "err\n"));
		}
	}

	@Test
	void stopEndsTheDemoAndCloseRemovesTheContainer() {
		DemoContainer demo = docker.startDemo(environmentId());

		demo.stop();
		assertThat(demo.awaitExit(Duration.ofSeconds(10))).isZero();
		demo.close();

		assertThatExceptionOfType(NotFoundException.class)
				.isThrownBy(() -> docker.client().inspectContainerCmd(demo.id()).exec());
	}

	@Test
	void engineIdAndDemoImageAreKnown() {
		assertThat(docker.engineId()).isNotBlank();
		assertThat(docker.demoImage()).isEqualTo("envstream/demo:local");
		assertThat(DockerFixture.shared()).isSameAs(docker);
	}

	@Test
	void outputOfALongRunningDemoArrivesWhileItRuns() {
		try (DemoContainer demo = docker.startDemo(environmentId(), "lines", "-r", "20", "-s", "30")) {
			await().atMost(Duration.ofSeconds(20)).until(() -> demo.logs().contains("line seq=3 "));
		}
	}

	private static String environmentId() {
		return "env-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
