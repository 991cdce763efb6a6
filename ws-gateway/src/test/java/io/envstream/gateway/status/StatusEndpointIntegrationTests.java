package io.envstream.gateway.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envstream.gateway.CollectorInstance;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.SilentWebSocket;
import io.envstream.gateway.WsClient;
import io.envstream.gateway.WsClient.Close;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status endpoint end to end: real containers on the real engine, the real collector
 * publishing their states and samples (every second here), the gateway's view of them, and a
 * real WebSocket client whose every message is checked against the protocol's JSON Schema.
 */
class StatusEndpointIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final ObjectMapper json = new ObjectMapper();

	private static final DockerFixture docker = DockerFixture.shared();

	private static GatewayInstance gateway;

	private static CollectorInstance collector;

	private static Environments environments;

	private final List<AutoCloseable> opened = new java.util.ArrayList<>();

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start();
		collector = CollectorInstance.start("1s");
		environments = new Environments();
	}

	@AfterAll
	static void stop() {
		environments.close();
		collector.close();
		gateway.close();
	}

	@AfterEach
	void closeOpened() throws Exception {
		for (AutoCloseable closeable : this.opened) {
			closeable.close();
		}
	}

	private <T extends AutoCloseable> T opened(T closeable) {
		this.opened.add(closeable);
		return closeable;
	}

	private String environmentOf(String owner, String prefix) {
		String environment = Environments.newId("status-" + prefix);
		// on the collector's host, as the persister would register it from the collector's descriptor
		environments.create(environment, owner, null, collector.hostId());
		return environment;
	}

	private WsClient connect(String environment, String user) {
		WsClient client = opened(WsClient.connect(gateway.statusUrl(environment, null), "envstream.v1",
				"bearer." + JWT.token(user)));
		assertThat(client.subprotocol()).isEqualTo("envstream.v1");
		return client;
	}

	private static List<String> statuses(WsClient client) {
		return client.ofType("status")
			.stream()
			.map((status) -> status.path("status").asText()
					+ (status.has("exitCode") ? "(" + status.path("exitCode").asInt() + ")" : ""))
			.toList();
	}

	@Test
	void followsAContainerFromRunningToExitedWithItsCodeToRemovedAndGivesNewcomersTheCurrentStateFirst()
			throws Exception {
		// given a container that exits with 3 after a few seconds, and a client watching its environment
		String environment = environmentOf("rita", "exit");
		WsClient watching = connect(environment, "rita");
		DemoContainer container = opened(docker.startDemo(environment, "exit", "3", "4"));

		// then the client sees it run, then exit with its code
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(statuses(watching)).contains("running", "exited(3)"));
		assertThat(statuses(watching)).containsSubsequence("running", "exited(3)");

		// and a client connecting now gets the current state first
		WsClient newcomer = connect(environment, "rita");
		await().atMost(PATIENCE).until(() -> !newcomer.messages.isEmpty());
		JsonNode first = newcomer.messages.get(0);
		assertThat(first.path("type").asText()).isEqualTo("status");
		assertThat(first.path("status").asText()).isEqualTo("exited");
		assertThat(first.path("exitCode").asInt()).isEqualTo(3);
		assertThat(Instant.parse(first.path("timestamp").asText())).isAfter(Instant.now().minusSeconds(60));

		// and the REST list shows the same latest state
		JsonNode listed = listed(environment, "rita");
		assertThat(listed.path("status").asText()).isEqualTo("exited");
		assertThat(listed.path("exitCode").asInt()).isEqualTo(3);

		// when the container is removed, both clients see it
		container.close();
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(statuses(watching)).last().isEqualTo("removed(3)");
			assertThat(statuses(newcomer)).containsExactly("exited(3)", "removed(3)");
		});
		assertThat(listed(environment, "rita").path("status").asText()).isEqualTo("removed");
		assertThat(watching.violations).isEmpty();
		assertThat(newcomer.violations).isEmpty();
	}

	@Test
	void sendsMetricsEveryIntervalWithTheCpuOfABusyContainerUntilUnsubscribedAndAgainOnceSubscribed() {
		// given two clients watching an environment whose container burns a core
		String environment = environmentOf("bo", "burn");
		WsClient client = connect(environment, "bo");
		WsClient other = connect(environment, "bo");
		opened(docker.startBurner(environment, 60));

		// then samples arrive every interval (1 s here), with the cpu docker stats would show
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(client.ofType("metrics")).hasSizeGreaterThanOrEqualTo(4);
			assertThat(client.ofType("metrics")).anyMatch((sample) -> sample.path("cpu").asDouble() > 50);
		});
		assertThat(client.messages.get(0).path("type").asText()).isEqualTo("status");
		List<JsonNode> samples = client.ofType("metrics");
		assertThat(samples).allMatch((sample) -> sample.path("memory").asDouble() > 0
				&& sample.path("memoryLimit").asDouble() >= sample.path("memory").asDouble());
		for (int i = 2; i < samples.size(); i++) {
			Duration gap = Duration.between(Instant.parse(samples.get(i - 1).path("timestamp").asText()),
					Instant.parse(samples.get(i).path("timestamp").asText()));
			assertThat(gap).as("time between samples %d and %d", i - 1, i)
				.isBetween(Duration.ofMillis(500), Duration.ofMillis(2500));
		}

		// when the client unsubscribes from metrics
		client.send("{\"action\":\"unsubscribe\",\"topics\":[\"metrics\"]}");
		int atUnsubscribe = client.ofType("metrics").size();
		int otherAtUnsubscribe = other.ofType("metrics").size();

		// then it gets none (one may have been on its way) while the other client gets several
		await().atMost(PATIENCE).until(() -> other.ofType("metrics").size() >= otherAtUnsubscribe + 4);
		assertThat(client.ofType("metrics").size()).isLessThanOrEqualTo(atUnsubscribe + 1);

		// and when it subscribes again, samples flow again
		int beforeSubscribe = client.ofType("metrics").size();
		client.send("{\"action\":\"subscribe\",\"topics\":[\"metrics\"]}");
		await().atMost(PATIENCE).until(() -> client.ofType("metrics").size() >= beforeSubscribe + 2);
		assertThat(client.violations).isEmpty();
		assertThat(other.violations).isEmpty();
	}

	@Test
	void closesWith1008OnAnUnknownActionOrTopic() throws Exception {
		String environment = environmentOf("ann", "bad");
		WsClient unknownAction = connect(environment, "ann");
		unknownAction.send("{\"action\":\"pause\"}");
		Close close = unknownAction.awaitClose();
		assertThat(close.code()).isEqualTo(1008);
		assertThat(close.reason()).isEqualTo("unknown action \"pause\" (subscribe, unsubscribe)");

		WsClient unknownTopic = connect(environment, "ann");
		unknownTopic.send("{\"action\":\"subscribe\",\"topics\":[\"logs\"]}");
		close = unknownTopic.awaitClose();
		assertThat(close.code()).isEqualTo(1008);
		assertThat(close.reason()).isEqualTo("unknown topic \"logs\" (status, metrics, alerts)");
	}

	@Test
	void refusesLikeTheLogsEndpoint() throws Exception {
		String environment = environmentOf("cy", "refused");
		assertThat(opened(WsClient.connect(gateway.statusUrl(environment, null))).awaitClose().code())
			.isEqualTo(4401);
		assertThat(opened(WsClient.connect(gateway.statusUrl("no-such-environment", "token=" + JWT.token("cy"))))
			.awaitClose()
			.code()).isEqualTo(4404);
		Close denied = connect(environment, "mallory").awaitClose();
		assertThat(denied.code()).isEqualTo(4403);
		assertThat(denied.reason()).isEqualTo("access to this environment denied");
	}

	@Test
	void closesAClientThatIgnoresPingsWith1000() throws Exception {
		String environment = environmentOf("hal", "heartbeat");
		try (SilentWebSocket silent = new SilentWebSocket(
				gateway.statusUrl(environment, "token=" + JWT.token("hal")))) {
			int[] closeAndPings = silent.awaitCloseCountingPings();
			assertThat(closeAndPings[0]).isEqualTo(1000);
			assertThat(closeAndPings[1]).isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void closesWith1001WhenTheGatewayStops() throws Exception {
		String environment = environmentOf("ida", "shutdown");
		WsClient client;
		try (GatewayInstance stopping = GatewayInstance.start()) {
			client = opened(WsClient.connect(stopping.statusUrl(environment, null), "envstream.v1",
					"bearer." + JWT.token("ida")));
			await().atMost(PATIENCE).until(() -> stopping.context()
				.getBean(io.micrometer.core.instrument.MeterRegistry.class)
				.get("envstream.gateway.connections.active")
				.tag("endpoint", "status")
				.gauge()
				.value() == 1);
		}
		Close close = client.awaitClose();
		assertThat(close.code()).isEqualTo(1001);
		assertThat(close.reason()).isEqualTo("server shutting down");
	}

	@Test
	void reportsItsConnectionsAndItsViewToPrometheus() throws Exception {
		String environment = environmentOf("dee", "metered");
		connect(environment, "dee");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(prometheus())
				.contains("envstream_gateway_connections_active{endpoint=\"status\"} 1.0"));
		connect(environment, "eve").awaitClose();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(prometheus())
				.containsPattern("envstream_gateway_closes_total\\{code=\"4403\",endpoint=\"status\"} [1-9]")
				.containsPattern("envstream_gateway_status_environments [0-9]")
				.contains("envstream_gateway_status_view_lag{partition=\"0\",topic=\"envstream.status\"}"));
	}

	private static JsonNode listed(String environment, String user) throws Exception {
		HttpResponse<String> response = gateway.get("/api/v1/environments", JWT.token(user));
		assertThat(response.statusCode()).isEqualTo(200);
		for (JsonNode item : json.readTree(response.body())) {
			if (item.path("id").asText().equals(environment)) {
				return item;
			}
		}
		throw new AssertionError(environment + " not listed: " + response.body());
	}

	private static String prometheus() throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl("/actuator/prometheus"))).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
