package io.envstream.cli.terminal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.envstream.cli.CliRun;
import io.envstream.cli.Console;
import io.envstream.cli.SharedGateway;
import io.envstream.gateway.Environments;
import io.envstream.gateway.terminal.TerminalFixture;
import io.envstream.testsupport.docker.DemoContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code envstream exec} and {@code attach} end to end: the gateway, the real collector agent and a container of the
 * real engine, with the command's stdin a pipe (no raw mode) and its window changes fired as SIGWINCH would.
 */
class ExecIntegrationTests {

	private final TerminalFixture terminals = SharedGateway.shared();

	private DemoContainer container;

	private String environment;

	@BeforeEach
	void startContainer() {
		this.environment = Environments.newId("cli-exec");
		this.container = terminals.startEnvironment(this.environment, "alice");
	}

	@AfterEach
	void removeContainer() {
		this.container.close();
	}

	@Test
	void runsACommandInAPtyResizesAndReturnsItsExitCode() {
		CliRun exec = CliRun.against(terminals.gateway().httpUrl(""), JWT.token("alice")).start("exec", this.environment);

		exec.type("stty size\n");
		await().atMost(Duration.ofSeconds(60)).until(() -> exec.out().contains("30 100\r\n"));
		exec.console().resize(new Console.Size(132, 43));
		exec.type("stty size\n");
		await().atMost(Duration.ofSeconds(30)).until(() -> exec.out().contains("43 132\r\n"));
		exec.type("exit 3\n");

		assertThat(exec.exitCode()).isEqualTo(3);
		assertThat(exec.err()).isEmpty();
	}

	@Test
	void detachesWithTheDetachKeysAndAttachesAgainToTheSameShell() {
		CliRun exec = CliRun.against(terminals.gateway().httpUrl(""), JWT.token("alice"))
			.start("exec", this.environment, "--detach-keys", "ctrl-a,d");
		exec.type("kept=yes-$((40+2))\n");
		exec.type("echo $kept\n");
		await().atMost(Duration.ofSeconds(60)).until(() -> exec.out().contains("yes-42"));
		exec.type("\u0001d");

		assertThat(exec.exitCode()).isZero();
		Matcher attach = Pattern.compile("envstream attach (\\S+)").matcher(exec.err());
		assertThat(attach.find()).as(exec.err()).isTrue();
		assertThat(attach.group(1)).startsWith(this.environment + "/");

		CliRun again = CliRun.against(terminals.gateway().httpUrl(""), JWT.token("alice")).start("attach", attach.group(1));
		again.type("echo again-$kept\n");
		await().atMost(Duration.ofSeconds(60)).until(() -> again.out().contains("again-yes-42"));
		again.type("exit 4\n");
		assertThat(again.exitCode()).isEqualTo(4);
	}

	@Test
	void endsTheShellWhenPipedInputEnds() {
		CliRun exec = CliRun.against(terminals.gateway().httpUrl(""), JWT.token("alice")).start("exec", this.environment);
		exec.type("echo piped-$((6*7))\n");
		// the end of input once the shell reads its terminal (a Ctrl-D typed ahead of its start can be lost in the PTY)
		await().atMost(Duration.ofSeconds(60)).until(() -> exec.out().contains("piped-42\r\n"));
		exec.endInput();

		assertThat(exec.exitCode()).isZero();
	}

	@Test
	void refusesAUserWithoutExecPermission() {
		CliRun exec = CliRun.against(terminals.gateway().httpUrl(""), JWT.token("mallory")).start("exec", this.environment);

		assertThat(exec.exitCode()).isEqualTo(4);
		assertThat(exec.err()).contains("you may not access this environment");
		assertThat(exec.out()).isEmpty();
	}

}
