package io.envstream.cli;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.schemas.avro.Status;
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
	void exitsWithTheStatusOfTheRefusal() {
		String environment = Environments.newId("cli-status");
		environments.create(environment, "alice", null);

		assertThat(CliRun.against(gateway.httpUrl(""), JWT.token("mallory")).run("status", environment)).isEqualTo(4);
		assertThat(CliRun.against(gateway.httpUrl(""), JWT.token("alice")).run("status", "cli-no-such")).isEqualTo(5);
	}

}
