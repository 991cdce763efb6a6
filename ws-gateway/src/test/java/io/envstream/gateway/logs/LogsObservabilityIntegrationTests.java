package io.envstream.gateway.logs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What operators see: the Prometheus metrics of PROTOCOL.md, and logs that never contain a token. */
@ExtendWith(OutputCaptureExtension.class)
class LogsObservabilityIntegrationTests {

	private static GatewayInstance gateway;

	private static Environments environments;

	@BeforeAll
	static void start() {
		// request and WebSocket logging as verbose as an operator might turn it
		gateway = GatewayInstance.start("--logging.level.org.springframework.web=debug",
				"--logging.level.org.apache.tomcat=debug", "--logging.level.io.envstream=debug");
		environments = new Environments();
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	@Test
	void neverLogsTheToken(CapturedOutput output) throws Exception {
		String environment = Environments.newId("secret");
		environments.create(environment, "tess", null);
		String token = JWT.token("tess");
		try (WsClient query = WsClient.connect(gateway.logsUrl(environment, "token=" + token));
				WsClient subprotocol = WsClient.connect(gateway.logsUrl(environment, null), "envstream.v1",
						"bearer." + token)) {
			await().until(() -> !query.ofType("live").isEmpty() && !subprotocol.ofType("live").isEmpty());
		}
		String forged = JWT.tokenSignedByOtherKey("tess");
		try (WsClient refused = WsClient.connect(gateway.logsUrl(environment, "token=" + forged))) {
			assertThat(refused.awaitClose().code()).isEqualTo(4401);
		}
		assertThat(output.getAll()).contains("/api/v1/ws/environments/" + environment + "/logs");
		assertThat(output.getAll()).doesNotContain(token.substring(token.lastIndexOf('.') + 1))
			.doesNotContain(forged.substring(forged.lastIndexOf('.') + 1));
	}

	@Test
	void exposesTheProtocolsMetrics() throws Exception {
		String environment = Environments.newId("metrics");
		environments.create(environment, "mia", null);
		try (WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("mia") + "&tail=0"))) {
			await().until(() -> !client.ofType("live").isEmpty());
			environments.write(environment, Stream.STDOUT, 5);
			await().until(() -> client.seqs().size() == 5);
			client.send("{\"action\":\"pause\"}");
			String cursor = client.lastCursor();
			try (WsClient resumed = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("mia") + "&resume=" + cursor))) {
				await().until(() -> !resumed.ofType("live").isEmpty());
			}
			try (WsClient refused = WsClient.connect(gateway.logsUrl(environment, "token=x"))) {
				refused.awaitClose();
			}
			await().untilAsserted(() -> {
				String metrics = prometheus();
				assertThat(metrics).contains("envstream_gateway_connections_active{endpoint=\"logs\"} 1.0")
					.contains("envstream_gateway_messages_sent_total{endpoint=\"logs\"}")
					.contains("envstream_gateway_messages_received_total{endpoint=\"logs\"} 1.0")
					.contains("envstream_gateway_message_latency_seconds_bucket{endpoint=\"logs\"")
					.contains("envstream_gateway_connection_duration_seconds_count{endpoint=\"logs\"}")
					.contains("envstream_gateway_closes_total{code=\"4401\",endpoint=\"logs\"}")
					.contains("envstream_gateway_closes_total{code=\"1000\",endpoint=\"logs\"}")
					.contains("envstream_gateway_resumes_total{endpoint=\"logs\",outcome=\"resumed\"}")
					.contains("envstream_gateway_reconnects_total{endpoint=\"logs\",outcome=\"succeeded\"}")
					.contains("envstream_gateway_reconnects_total{endpoint=\"terminal\",outcome=\"failed\"}")
					.contains("envstream_gateway_catchup_readers ")
					.containsPattern("envstream_gateway_consumer_lag\\{partition=\"\\d+\"\\}");
			});
		}
	}

	@Test
	void countsAResumeAsAReconnectionThatSucceededOnceItsFirstLineIsSentAndARefusedOneAsFailed() throws Exception {
		// given an environment with three lines, and the cursor of the first
		String environment = Environments.newId("reconnects");
		environments.create(environment, "rey", null);
		environments.write(environment, Stream.STDOUT, 3);
		String first;
		try (WsClient client = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("rey") + "&tail=3"))) {
			await().until(() -> client.lines().size() == 3);
			first = client.lines().get(0).path("meta").path("cursor").asText();
		}
		double succeeded = reconnects("succeeded");
		double failed = reconnects("failed");

		// when it resumes, with that cursor, with a bad one, and without access
		try (WsClient resumed = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("rey") + "&resume=" + first))) {
			await().until(() -> resumed.lines().size() == 2);
			await().until(() -> reconnects("succeeded") == succeeded + 1);
		}
		try (WsClient bad = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("rey") + "&resume=bogus"))) {
			assertThat(bad.awaitClose().code()).isEqualTo(1008);
		}
		try (WsClient stranger = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("sam") + "&resume=" + first))) {
			assertThat(stranger.awaitClose().code()).isEqualTo(4403);
		}
		try (WsClient plain = WsClient.connect(gateway.logsUrl(environment, "token=" + JWT.token("rey")))) {
			await().until(() -> !plain.ofType("live").isEmpty());
		}

		// then: one success, two failures, and the plain connection is no reconnection
		await().until(() -> reconnects("failed") == failed + 2);
		assertThat(reconnects("succeeded")).isEqualTo(succeeded + 1);
	}

	private static double reconnects(String outcome) {
		return gateway.counter("envstream.gateway.reconnects", "endpoint", "logs", "outcome", outcome);
	}

	private static String prometheus() throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl("/actuator/prometheus"))).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
