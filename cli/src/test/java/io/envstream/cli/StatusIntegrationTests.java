package io.envstream.cli;

import java.time.Duration;
import java.util.regex.Pattern;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.schemas.avro.Status;
import io.envstream.testsupport.docker.DemoContainer;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code envstream status} against a real gateway whose status view reads a real broker. */
class StatusIntegrationTests {

	private final GatewayInstance gateway = SharedGateway.shared().gateway();

	private final Environments environments = SharedGateway.shared().environments();

	@Test
	void printsTheStateOfAStoppedEnvironmentAsOneRow() {
		String environment = Environments.newId("cli-status");
		environments.create(environment, "alice", null);
		environments.status(environment, Status.EXITED);
		// the gateway's status view reads envstream.status on its own: wait until ls shows the state
		await().until(() -> {
			CliRun ls = CliRun.against(gateway.httpUrl(""), JWT.token("alice"));
			return ls.run("ls", "-l", "id=" + environment) == 0 && ls.out().contains("exited");
		});

		CliRun status = CliRun.against(gateway.httpUrl(""), JWT.token("alice"));
		assertThat(status.run("status", environment)).isZero();

		assertThat(status.out().lines().toList()).hasSize(2);
		assertThat(status.out().lines().toList().get(0)).startsWith("ENVIRONMENT").contains("STATUS", "CPU %", "MEM USAGE / LIMIT");
		assertThat(status.out().lines().toList().get(1)).startsWith(environment).contains("exited");
	}

	@Test
	void showsTheLiveCpuAndMemoryOfARunningEnvironment() {
		// given: a demo container on the real engine, whose states and samples (every 5 s) the real collector publishes
		String environment = Environments.newId("cli-status-live");
		try (DemoContainer container = SharedGateway.shared().startEnvironment(environment, "alice")) {
			String sampled = Pattern.quote(environment) + " +running(?: \\w+)? +\\d+\\.\\d\\d% +\\d+\\.\\dMiB / \\d+\\.\\dMiB .*";

			// when: watched until two samples came
			CliRun watch = CliRun.against(gateway.httpUrl(""), JWT.token("alice")).start("status", environment, "-w");
			await().atMost(Duration.ofSeconds(90))
				.until(() -> watch.out().lines().filter((row) -> row.matches(sampled)).count() >= 2);
			watch.console().interrupt();

			// then: a docker stats row on each, Ctrl-C ends it with 0; and without -w, one row with the latest sample
			assertThat(watch.exitCode()).isZero();
			assertThat(watch.out().lines().toList().get(0)).startsWith("ENVIRONMENT");
			CliRun once = CliRun.against(gateway.httpUrl(""), JWT.token("alice"));
			assertThat(once.run("status", environment)).isZero();
			assertThat(once.out().lines().toList()).hasSize(2).last().asString().matches(sampled);
		}
	}

	@Test
	void exitsWithTheStatusOfTheRefusal() {
		String environment = Environments.newId("cli-status");
		environments.create(environment, "alice", null);

		assertThat(CliRun.against(gateway.httpUrl(""), JWT.token("mallory")).run("status", environment)).isEqualTo(4);
		assertThat(CliRun.against(gateway.httpUrl(""), JWT.token("alice")).run("status", "cli-no-such")).isEqualTo(5);
	}

}
