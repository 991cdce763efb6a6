package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A line on an environment where nothing else happens leaves the gateway as soon as Kafka has it, not
 * when a timer fires: this gateway's consumers may wait 60 s for data on a fetch
 * ({@code fetch.max.wait.ms}), so a line that waited for the fetch's timer, or for any batching window
 * of the gateway's own, would not arrive within the 30 s each line is given here.
 */
class IdleEnvironmentLinesIntegrationTests {

	private static GatewayInstance gateway;

	private static Environments environments;

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start("--spring.kafka.consumer.fetch-max-wait=60s",
				"--spring.kafka.consumer.properties.request.timeout.ms=120000");
		environments = new Environments();
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	@Test
	void eachLineOnAnIdleEnvironmentLeavesAsSoonAsKafkaHasIt() {
		String environment = Environments.newId("idle");
		environments.create(environment, "alice", "red");
		String url = gateway.logsUrl(environment, "token=" + JWT.token("alice") + "&tail=0");
		try (WsClient client = WsClient.connect(url)) {
			await().until(() -> !client.ofType("live").isEmpty());
			for (int line = 1; line <= 3; line++) {
				environments.write(environment, Stream.STDOUT, 1);
				int expected = line;
				await().atMost(Duration.ofSeconds(30)).until(() -> client.seqs().size() >= expected);
			}
			List<Long> seqs = client.seqs();
			assertThat(seqs).isEqualTo(LongStream.rangeClosed(1, 3).boxed().toList());
			assertThat(client.ofType("batch")).hasSize(3);
			assertThat(client.violations).isEmpty();
		}
	}

}
