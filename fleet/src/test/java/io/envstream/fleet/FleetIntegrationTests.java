package io.envstream.fleet;

import java.util.stream.Collectors;

import io.envstream.gateway.WsClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The full compose fleet for real: 3 Kafka brokers, PostgreSQL, 2 stream-processors, 2 gateways
 * behind the load balancer and 3 Docker hosts, each its own engine with its own collector. Beside
 * the lines of every host (the parent class), the environments of every host are listed and their
 * status and a terminal work, through the load balancer. The longer fleet suite is
 * infra/dev/fleet-test.sh; the part in every build is {@link SmallFleetIntegrationTests}.
 */
class FleetIntegrationTests extends FleetThroughTheLoadBalancer {

	@Override
	Fleet.Size size() {
		return Fleet.Size.FULL;
	}

	@Test
	void restThroughTheLoadBalancerListsTheEnvironmentsOfEveryHost() {
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(environments())
			.contains("host-1-web", "host-2-web", "host-3-web", environmentOf("host-1"), environmentOf("host-2"), environmentOf("host-3")));
	}

	@Test
	void statusAndATerminalWorkForAnEnvironmentOfEveryHostThroughTheLoadBalancer() {
		for (String host : Fleet.HOSTS) {
			await().atMost(PATIENCE).until(() -> environments().contains(environmentOf(host)));
			try (WsClient status = WsClient.connect(endpoint(host, "status"));
					WsClient terminal = WsClient.connect(endpoint(host, "terminal") + "&cols=80&rows=24")) {
				await().atMost(PATIENCE)
					.until(() -> status.ofType("status").stream().anyMatch((message) -> message.path("status").asText().equals("running")));
				await().atMost(PATIENCE).until(() -> !terminal.ofType("ready").isEmpty());
				// the shell computes the answer: an echo of the input alone would not show it
				terminal.send("{\"type\":\"input\",\"data\":\"echo " + host + "-$((6*7))\\r\"}");
				await().atMost(PATIENCE).until(() -> output(terminal).contains(host + "-42"));
				assertThat(status.violations).isEmpty();
				assertThat(terminal.violations).isEmpty();
			}
		}
	}

	private static String output(WsClient client) {
		return client.ofType("output").stream().map((message) -> message.path("data").asText()).collect(Collectors.joining());
	}

}
