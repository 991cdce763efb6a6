package io.envstream.testsupport.docker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DockerFixtureTests {

	@Test
	void engineThatDoesNotAnswerFailsWithAMessageNamingTheHostAndTheScript() {
		assertThatIllegalStateException()
				.isThrownBy(() -> DockerFixture.connect("tcp://127.0.0.1:1"))
				.withMessageStartingWith("no Docker engine at tcp://127.0.0.1:1: ")
				.withMessageContaining("refused")
				.withMessageEndingWith("; run infra/dev/ensure-docker.sh (the README's test command does it)");
	}

	@Test
	void demoSubCommandsGetTheDemoProgramInFront() {
		assertThat(DemoCommands.expand("lines", "-n", "5")).containsExactly("demo", "lines", "-n", "5");
		assertThat(DemoCommands.expand("exit", "3")).containsExactly("demo", "exit", "3");
	}

	@Test
	void otherCommandsRunAsGiven() {
		assertThat(DemoCommands.expand("demo", "idle")).containsExactly("demo", "idle");
		assertThat(DemoCommands.expand("sh", "-c", "exit 1")).containsExactly("sh", "-c", "exit 1");
	}

}
