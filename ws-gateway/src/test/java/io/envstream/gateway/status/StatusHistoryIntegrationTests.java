package io.envstream.gateway.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status endpoint's history against the real broker: samples of envstream.metrics published before a client
 * connects reach it first, those of the last 15 minutes only, in one {@code metrics} message whose {@code recent}
 * holds the earlier ones (checked against the protocol's JSON Schema), also from a gateway started after they were
 * published (it reads the topic back by time).
 */
class StatusHistoryIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static GatewayInstance gateway;

	private static Environments environments;

	private static KafkaProducer<String, ContainerMetrics> samples;

	private final List<AutoCloseable> opened = new ArrayList<>();

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start();
		environments = new Environments();
		samples = new KafkaProducer<>(KafkaFixture.shared().producerProps(), Topics.METRICS.keySerde().serializer(),
				Topics.METRICS.valueSerde().serializer());
	}

	@AfterAll
	static void stop() {
		samples.close();
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
	void aLateSubscriberGetsTheSamplesOfTheLast15MinutesFirstThenTheNewOnes() {
		// given a running environment with samples from 20, 10 and 5 minutes ago and one from now
		String environment = runningEnvironment("late");
		Instant now = Instant.now();
		publish(environment, 20, now.minus(Duration.ofMinutes(20)));
		publish(environment, 10, now.minus(Duration.ofMinutes(10)));
		publish(environment, 5, now.minus(Duration.ofMinutes(5)));
		publish(environment, 1, now);
		// a client that was there already has seen the newest one: the view holds them all
		WsClient early = connect(environment);
		await().atMost(PATIENCE).until(() -> cpus(early).contains(1.0));

		// when a client connects now
		WsClient late = connect(environment);

		// then it gets the state, then one sample with the two recent earlier ones, oldest first, not the old one
		await().atMost(PATIENCE).until(() -> !late.ofType("metrics").isEmpty());
		assertThat(late.messages.get(0).path("type").asText()).isEqualTo("status");
		JsonNode first = late.ofType("metrics").get(0);
		assertThat(first.path("cpu").asDouble()).isEqualTo(1.0);
		assertThat(first.path("recent").findValues("cpu")).extracting(JsonNode::asDouble).containsExactly(10.0, 5.0);

		// and later samples come one by one, without history
		publish(environment, 2, Instant.now());
		await().atMost(PATIENCE).until(() -> cpus(late).contains(2.0));
		assertThat(late.ofType("metrics").get(1).has("recent")).isFalse();
		assertThat(late.violations).isEmpty();
		assertThat(early.violations).isEmpty();
	}

	@Test
	void aGatewayStartedAfterTheSamplesReadsTheRecentOnesBackFromTheTopic() {
		// given samples published before the gateway starts
		String environment = runningEnvironment("restart");
		Instant now = Instant.now();
		publish(environment, 30, now.minus(Duration.ofMinutes(30)));
		publish(environment, 7, now.minus(Duration.ofMinutes(7)));
		publish(environment, 3, now.minus(Duration.ofMinutes(3)));

		// when a new gateway starts and a client connects to it
		try (GatewayInstance restarted = GatewayInstance.start()) {
			WsClient client = connect(restarted, environment);

			// then it gets the samples of the last 15 minutes it read back
			await().atMost(PATIENCE).until(() -> !client.ofType("metrics").isEmpty());
			JsonNode first = client.ofType("metrics").get(0);
			assertThat(first.path("cpu").asDouble()).isEqualTo(3.0);
			assertThat(first.path("recent").findValues("cpu")).extracting(JsonNode::asDouble).containsExactly(7.0);
			assertThat(client.violations).isEmpty();
		}
	}

	private String runningEnvironment(String prefix) {
		String environment = Environments.newId("history-" + prefix);
		environments.create(environment, "ada", null);
		environments.status(environment, Status.RUNNING);
		return environment;
	}

	private WsClient connect(String environment) {
		return connect(gateway, environment);
	}

	private WsClient connect(GatewayInstance instance, String environment) {
		WsClient client = WsClient.connect(instance.statusUrl(environment, null), "envstream.v1",
				"bearer." + JWT.token("ada"));
		this.opened.add(client);
		return client;
	}

	private static List<Double> cpus(WsClient client) {
		return client.ofType("metrics").stream().map((sample) -> sample.path("cpu").asDouble()).toList();
	}

	/** A sample of host-1 (where {@link Environments#create} puts the environment) taken {@code at}. */
	private static void publish(String environment, double cpu, Instant at) {
		ContainerMetrics sample = ContainerMetrics
			.newBuilder(StatusMessagesTests.sample("c-1", cpu, 1, 1, at.toEpochMilli()))
			.setEnvId(environment)
			.build();
		try {
			samples.send(new ProducerRecord<>(Topics.METRICS.name(), environment, sample)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
