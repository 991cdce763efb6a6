package io.envstream.e2e.webui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.AlertKind;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fleet overview with {@value #FLEET} environments (registered by their descriptors on envstream.environments, as
 * collectors on ten hosts would, without containers behind them) and one running demo container, in a real browser
 * against a real standalone: the overview, its search and keyboard, the sparklines, the status charts' history with a
 * restart marked (also on a page opened after it), the alerts bell (alerts written to envstream.alerts as the alerts
 * app would, for its rule 7) with the alert rules page for an admin and not for others, and the pages at a phone's
 * 390 px. Screenshots and results.json under {@code e2e/target/web-ui/fleet-status/}. The standalone is
 * shared with the other browser suites ({@link SharedStandalone}): the fleet is marked removed afterwards, so the
 * suites after this one list only their own environments as before.
 */
@ExtendWith(SharedStandalone.class)
class FleetStatusIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(FleetStatusIntegrationTests.class);

	private static final int FLEET = 500;

	private static WebUiSetup setup;

	@BeforeAll
	static void useSharedStandalone(WebUiSetup shared) {
		setup = shared;
	}

	@Test
	void overviewOf500EnvironmentsSearchesOpensByKeyboardAndShowsStatusHistoryAndAlerts() throws Exception {
		ScheduledExecutorService alerting = Executors.newSingleThreadScheduledExecutor();
		String suffix = Long.toString(System.nanoTime(), 36);
		try (DemoContainer demo = setup.environment("fleet", "lines", "-r", "5", "-s", "60", "-o", "both", "-p", "fleet");
				KafkaProducer<String, byte[]> producer = producer()) {
			try {
				// given 500 environments on 10 hosts and 4 teams
				List<String> fleet = register(producer, suffix, false);
				await("the " + FLEET + " environments listed by the gateway").atMost(Duration.ofMinutes(2))
					.pollInterval(Duration.ofSeconds(1))
					.until(() -> setup.environments().contains("\"" + fleet.get(FLEET - 1) + "\""));
				// and, as the alerts app would, a firing for the first of them every few seconds (the first ones have
				// live badges, whose sockets feed the bell)
				provisionAlertsTopic();
				AtomicInteger firings = new AtomicInteger();
				alerting.scheduleWithFixedDelay(() -> fire(producer, fleet.get(0), firings.incrementAndGet()), 0, 3,
						TimeUnit.SECONDS);

				// when the browser drives the overview, the status page and the bell, wide and at 390 px
				BrowserScript.Outcome outcome = setup.browse("fleet-status.browser-test.mjs", "fleet-status",
						Map.of("ENVSTREAM_ENV", demo.environmentId(), "ENVSTREAM_CONTAINER", demo.id(),
								"ENVSTREAM_ALERTED", fleet.get(0), "ENVSTREAM_FLEET_SIZE", String.valueOf(FLEET),
								"ENVSTREAM_USER_TOKEN", setup.userToken("fleet-viewer")),
						Duration.ofMinutes(10));

				// then every step passed
				log.info("browser checks:\n{}", outcome.output());
				assertThat(outcome.exitCode()).as("browser checks failed:\n%s\n(screenshots in %s; %s)",
						outcome.failures(), WebUiSetup.WORK.resolve("fleet-status"), setup.standaloneLogTail()).isZero();
			}
			finally {
				alerting.shutdownNow();
				register(producer, suffix, true);
			}
		}
	}

	private static KafkaProducer<String, byte[]> producer() {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, setup.kafkaBootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all");
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	/** Standalone runs no alerts app, so nothing else creates envstream.alerts. */
	private static void provisionAlertsTopic() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, setup.kafkaBootstrapServers()))) {
			new TopicProvisioner(admin, 1, (short) 1).provision(List.of(Topics.ALERTS));
		}
	}

	/** An alert as the alerts app writes it, its window the n-th, so each is a new firing. */
	private static void fire(KafkaProducer<String, byte[]> producer, String environmentId, int n) {
		long window = 1_767_261_600_000L + n * 60_000L;
		Alert alert = Alert.newBuilder()
			.setAlertId("7:" + environmentId + ":" + window)
			.setRuleId(7)
			.setRuleName("errors in the front tier")
			.setKind(AlertKind.LOG_PATTERN)
			.setEnvId(environmentId)
			.setSummary(n + " lines matched ERROR within 60 s")
			.setObserved(n)
			.setThreshold(1)
			.setWindowStartMillis(window)
			.setFiredMillis(System.currentTimeMillis())
			.build();
		producer.send(new ProducerRecord<>(Topics.ALERTS.name(), environmentId,
				Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert)));
	}

	/**
	 * Publishes the {@value #FLEET} descriptors {@code fleet-0000-<suffix>} to {@code fleet-0499-<suffix>}, as their
	 * collectors would while the containers run or, {@code removed}, once they are gone; returns their ids in order.
	 */
	private static List<String> register(KafkaProducer<String, byte[]> producer, String suffix, boolean removed)
			throws Exception {
		List<String> ids = new ArrayList<>();
		List<Future<RecordMetadata>> sends = new ArrayList<>();
		for (int i = 0; i < FLEET; i++) {
			String id = "fleet-%04d-%s".formatted(i, suffix);
			ids.add(id);
			String team = "fleet-team-" + (i % 4);
			EnvironmentDescriptor descriptor = new EnvironmentDescriptor(id, "fleet-host-" + (i % 10), null,
					"svc-%04d".formatted(i), "demo:" + (i % 3), Map.of("envstream.environment", id, "envstream.team",
							team, "tier", (i % 2 == 0) ? "front" : "back"),
					"fleet-owner", team, null, System.currentTimeMillis(), removed);
			sends.add(producer.send(new ProducerRecord<>(Topics.ENVIRONMENTS.name(), id,
					Topics.ENVIRONMENTS.valueSerde().serializer().serialize(Topics.ENVIRONMENTS.name(), descriptor))));
		}
		for (Future<RecordMetadata> sent : sends) {
			sent.get(30, TimeUnit.SECONDS);
		}
		return ids;
	}

}
