package io.envstream.gateway.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts over the status endpoint, against the real broker: records of envstream.alerts, as the
 * alerts app writes them, reach the real WebSocket clients of their environment that subscribed to
 * {@code alerts}, as {@code alert} messages checked against the protocol's JSON Schema.
 */
class StatusAlertsIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static GatewayInstance gateway;

	private static Environments environments;

	private static KafkaProducer<String, byte[]> alerts;

	private final List<AutoCloseable> opened = new ArrayList<>();

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start();
		environments = new Environments();
		alerts = new KafkaProducer<>(KafkaFixture.shared().producerProps(), new StringSerializer(),
				new ByteArraySerializer());
		// alerts are read from the end: wait until the view has its position on every partition
		MeterRegistry registry = gateway.context().getBean(MeterRegistry.class);
		await().atMost(PATIENCE)
			.until(() -> registry.find("envstream.gateway.status.view.lag")
				.tag("topic", Topics.ALERTS.name())
				.gauges()
				.size() == GatewayInstance.PARTITIONS);
	}

	@AfterAll
	static void stop() {
		alerts.close();
		environments.close();
		gateway.close();
	}

	@AfterEach
	void closeOpened() throws Exception {
		for (AutoCloseable closeable : this.opened) {
			closeable.close();
		}
	}

	@Test
	void pushesAnAlertToTheSubscribedClientsOfItsEnvironmentOnly() throws Exception {
		// given an environment with two clients, one subscribed to alerts, and a subscriber of another environment
		String environment = runningEnvironment("alerted");
		String otherEnvironment = runningEnvironment("quiet");
		WsClient subscribed = subscribedToAlerts(environment);
		WsClient unsubscribed = connect(environment);
		WsClient other = subscribedToAlerts(otherEnvironment);
		await().atMost(PATIENCE).until(() -> !unsubscribed.ofType("status").isEmpty());

		// when the alerts app writes a firing for the environment
		send(environment, alert(environment, "5 lines matched ERROR within 60 s"));

		// then the subscribed client gets it as an alert message
		await().atMost(PATIENCE).until(() -> !subscribed.ofType("alert").isEmpty());
		JsonNode alert = subscribed.ofType("alert").get(0);
		assertThat(alert.path("id").asText()).isEqualTo("7:" + environment + ":1767261600000");
		assertThat(alert.path("ruleId").asLong()).isEqualTo(7);
		assertThat(alert.path("rule").asText()).isEqualTo("errors in \"" + environment + "\"");
		assertThat(alert.path("kind").asText()).isEqualTo("LOG_PATTERN");
		assertThat(alert.path("summary").asText()).isEqualTo("5 lines matched ERROR within 60 s");
		assertThat(alert.path("observed").asDouble()).isEqualTo(5.0);
		assertThat(alert.path("threshold").asDouble()).isEqualTo(4.5);
		assertThat(alert.path("windowStart").asText()).isEqualTo("2026-01-01T10:00:00.000Z");
		assertThat(alert.path("fired").asText()).isEqualTo("2026-01-01T10:00:31.250Z");
		assertThat(subscribed.violations).isEmpty();

		// and the others get none: a later state of each environment arrives, with no alert before it
		environments.status(environment, Status.EXITED);
		environments.status(otherEnvironment, Status.EXITED);
		await().atMost(PATIENCE).until(() -> statuses(unsubscribed).contains("exited")
				&& statuses(other).contains("exited"));
		assertThat(unsubscribed.ofType("alert")).isEmpty();
		assertThat(other.ofType("alert")).isEmpty();
		assertThat(subscribed.ofType("alert")).hasSize(1);
		assertThat(unsubscribed.violations).isEmpty();
		assertThat(other.violations).isEmpty();
	}

	@Test
	void skipsAndCountsAnUndecodableAlertRecordAndPushesTheNextOne() {
		// given a client subscribed to alerts
		String environment = runningEnvironment("garbled");
		WsClient subscribed = subscribedToAlerts(environment);
		double undecodableBefore = gateway.counter("envstream.gateway.status.records.undecodable");

		// when a record no contract decodes comes before a good one
		send(environment, "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		send(environment, alert(environment, "after the garbled one"));

		// then the good one arrives alone and the bad one is counted
		await().atMost(PATIENCE).until(() -> !subscribed.ofType("alert").isEmpty());
		assertThat(subscribed.ofType("alert")).singleElement()
			.satisfies((alert) -> assertThat(alert.path("summary").asText()).isEqualTo("after the garbled one"));
		assertThat(gateway.counter("envstream.gateway.status.records.undecodable"))
			.isGreaterThanOrEqualTo(undecodableBefore + 1);
		assertThat(subscribed.violations).isEmpty();
	}

	private String runningEnvironment(String prefix) {
		String environment = Environments.newId("alerts-" + prefix);
		environments.create(environment, "ada", null);
		environments.status(environment, Status.RUNNING);
		return environment;
	}

	private WsClient connect(String environment) {
		WsClient client = WsClient.connect(gateway.statusUrl(environment, null), "envstream.v1",
				"bearer." + JWT.token("ada"));
		this.opened.add(client);
		return client;
	}

	/**
	 * A client that subscribed to alerts. Re-subscribing to status with them sends the current state
	 * again, after the subscription to alerts took effect: that state's arrival says it did.
	 */
	private WsClient subscribedToAlerts(String environment) {
		WsClient client = connect(environment);
		await().atMost(PATIENCE).until(() -> statuses(client).size() == 1);
		client.send("{\"action\":\"unsubscribe\",\"topics\":[\"status\"]}");
		client.send("{\"action\":\"subscribe\",\"topics\":[\"alerts\",\"status\"]}");
		await().atMost(PATIENCE).until(() -> statuses(client).size() == 2);
		return client;
	}

	private static List<String> statuses(WsClient client) {
		return client.ofType("status").stream().map((status) -> status.path("status").asText()).toList();
	}

	private static byte[] alert(String environment, String summary) {
		Alert alert = StatusMessagesTests.alert(environment, summary, 1_767_261_631_250L);
		return Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert);
	}

	private static void send(String environment, byte[] value) {
		try {
			alerts.send(new ProducerRecord<>(Topics.ALERTS.name(), environment, value)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
