package io.envstream.e2e.webui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fleet overview with {@value #FLEET} environments (registered by their descriptors on envstream.environments, as
 * collectors on ten hosts would, without containers behind them) and one running demo container, in a real browser
 * against a real standalone: the overview, its search and keyboard, the sparklines, the status charts' history and the
 * page at a phone's 390 px. Screenshots and results.json under {@code e2e/target/web-ui/fleet-status/}.
 */
class FleetStatusIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(FleetStatusIntegrationTests.class);

	private static final int FLEET = 500;

	private static WebUiSetup setup;

	@BeforeAll
	static void start() throws Exception {
		setup = WebUiSetup.start();
	}

	@AfterAll
	static void stop() {
		if (setup != null) {
			setup.close();
		}
	}

	@Test
	void overviewOf500EnvironmentsSearchesOpensByKeyboardAndShowsStatusHistory() throws Exception {
		try (DemoContainer demo = setup.environment("fleet", "lines", "-r", "5", "-s", "60", "-o", "both", "-p", "fleet")) {
			// given 500 environments on 10 hosts and 4 teams
			String last = register(FLEET);
			await("the " + FLEET + " environments listed by the gateway").atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> setup.environments().contains("\"" + last + "\""));
			// when the browser drives the overview
			BrowserScript.Outcome outcome = setup.browse("fleet-status.browser-test.mjs", "fleet-status",
					Map.of("ENVSTREAM_ENV", demo.environmentId(), "ENVSTREAM_FLEET_SIZE", String.valueOf(FLEET)),
					Duration.ofMinutes(8));
			// then every step passed
			log.info("browser checks:\n{}", outcome.output());
			assertThat(outcome.exitCode()).as("browser checks failed:\n%s\n(screenshots in %s; %s)", outcome.failures(),
					WebUiSetup.WORK.resolve("fleet-status"), setup.standaloneLogTail()).isZero();
		}
	}

	/** Publishes {@code count} descriptors {@code fleet-0000-…}; returns the last one's id. */
	private static String register(int count) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, setup.kafkaBootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all");
		String suffix = Long.toString(System.nanoTime(), 36);
		String id = null;
		List<Future<RecordMetadata>> sends = new ArrayList<>();
		try (KafkaProducer<String, EnvironmentDescriptor> producer = new KafkaProducer<>(config, new StringSerializer(),
				Topics.ENVIRONMENTS.valueSerde().serializer())) {
			for (int i = 0; i < count; i++) {
				id = "fleet-%04d-%s".formatted(i, suffix);
				String team = "fleet-team-" + (i % 4);
				EnvironmentDescriptor descriptor = new EnvironmentDescriptor(id, "fleet-host-" + (i % 10), null,
						"svc-%04d".formatted(i), "demo:" + (i % 3), Map.of("envstream.environment", id, "envstream.team",
								team, "tier", (i % 2 == 0) ? "front" : "back"),
						"fleet-owner", team, null, System.currentTimeMillis(), false);
				sends.add(producer.send(new ProducerRecord<>(Topics.ENVIRONMENTS.name(), id, descriptor)));
			}
			for (Future<RecordMetadata> sent : sends) {
				sent.get(30, TimeUnit.SECONDS);
			}
		}
		return id;
	}

}
