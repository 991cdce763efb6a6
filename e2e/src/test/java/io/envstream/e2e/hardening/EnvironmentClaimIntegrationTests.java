package io.envstream.e2e.hardening;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.envstream.e2e.webui.SharedStandalone;
import io.envstream.e2e.webui.StandaloneProcess;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.serde.LogEventSerde;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An environment id belongs to its first claim, through the whole pipeline (the standalone exec jar: collector,
 * broker, processor, PostgreSQL, gateway): a real container's collector claims its environment; another host that
 * publishes a descriptor and lines for the same id (as a compromised collector would, straight to Kafka) gets
 * neither history nor the row, and is reported; a non-admin cannot move the environment, an admin can, and then
 * the new host's lines are taken and the old one's refused. The standalone is the one of the test run
 * ({@link SharedStandalone}); the environment is this test's alone.
 */
@ExtendWith(SharedStandalone.class)
class EnvironmentClaimIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final DockerFixture docker = DockerFixture.shared();

	private long seq;

	@Test
	void impostorHostIsRefusedAndReportedAndOnlyAnAdminMovesTheEnvironment(StandaloneProcess standalone)
			throws Exception {
		// given a standalone following one real container, which claims its environment
		String run = UUID.randomUUID().toString().substring(0, 8);
		Map<String, String> labels = new HashMap<>(SharedStandalone.FOLLOWED);
		labels.put("envstream.owner", "ann");
		try (DemoContainer container = this.docker.startDemo("claims-" + run, labels);
				KafkaProducer<String, Object> impostor = producer(standalone)) {
			String environment = container.environmentId();
			GatewayApi admin = new GatewayApi(standalone.gatewayUrl(), standalone.token("root", true));
			GatewayApi owner = new GatewayApi(standalone.gatewayUrl(), standalone.token("ann", false));
			admin.awaitListed(environment);
			container.writeStdout("real 1");
			await("the real container's line in history").atMost(PATIENCE)
				.until(() -> owner.messages(environment).contains("real 1"));
			String realHost = admin.claim(environment).path("hostId").asString();

			// when another host claims the same id, with another owner
			send(impostor, Topics.ENVIRONMENTS.name(), environment, descriptor(environment, "impostor-host"));
			// (as a collector from before batches would send it: the processor reads both formats)
			send(impostor, Topics.LOGS_RAW.name(), environment,
					singleLine(environment, "impostor-host", "impostor 1"));
			container.writeStdout("real 2");

			// then its line reaches no history, the row keeps its host and owner, and the refusal is reported
			await("the impostor's descriptor refused and recorded").atMost(PATIENCE)
				.until(() -> admin.claim(environment).path("refusals").size() == 1
						&& owner.messages(environment).contains("real 2"));
			assertThat(owner.messages(environment)).containsExactly("real 1", "real 2");
			JsonNode claim = admin.claim(environment);
			assertThat(claim.path("hostId").asString()).isEqualTo(realHost);
			assertThat(claim.path("owner").asString()).isEqualTo("ann");
			assertThat(claim.path("refusals").get(0).path("hostId").asString()).isEqualTo("impostor-host");
			assertThat(claim.path("refusals").get(0).path("reason").asString()).isEqualTo("host");
			String metrics = prometheus(standalone.processorUrl());
			assertThat(metrics.lines()).as("refusals counted")
				.anyMatch((line) -> line.startsWith("envstream_processor_claims_refused_total{")
						&& line.contains("kind=\"line\"") && line.contains("conflict=\"host\""))
				.anyMatch((line) -> line.startsWith("envstream_persister_claims_refused_total")
						&& !line.endsWith(" 0.0"));

			// when the owner, not an admin, tries to move it: 403 and nothing moves
			assertThat(owner.move(environment, "new-host").statusCode()).isEqualTo(403);
			assertThat(admin.claim(environment).path("hostId").asString()).isEqualTo(realHost);

			// when an admin moves it to a new host
			assertThat(admin.move(environment, "new-host").statusCode()).isEqualTo(200);

			// then the new host's lines are taken (from when the processor has read the move) and the old host's not
			await("the new host's line in history").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
				send(impostor, Topics.LOGS_RAW.name(), environment, line(environment, "new-host", "new host"));
				return owner.messages(environment).contains("new host");
			});
			container.writeStdout("real after the move");
			send(impostor, Topics.LOGS_RAW.name(), environment, line(environment, "new-host", "new host again"));
			await("the new host's next line in history").atMost(PATIENCE)
				.until(() -> owner.messages(environment).contains("new host again"));
			assertThat(owner.messages(environment)).startsWith("real 1", "real 2", "new host")
				.endsWith("new host again")
				.doesNotContain("real after the move", "impostor 1");
			assertThat(admin.claim(environment).path("hostId").asString()).isEqualTo("new-host");
		}
	}

	private static KafkaProducer<String, Object> producer(StandaloneProcess standalone) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				standalone.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
		LogEventSerde singleLines = new LogEventSerde();
		return new KafkaProducer<>(config, new StringSerializer(), (topic, value) -> {
			if (value instanceof LogEventBatch lines) {
				return Topics.LOGS_RAW.valueSerde().serializer().serialize(topic, lines);
			}
			if (value instanceof LogEvent line) {
				return singleLines.serialize(topic, line);
			}
			return Topics.ENVIRONMENTS.valueSerde().serializer().serialize(topic, (EnvironmentDescriptor) value);
		});
	}

	private static void send(KafkaProducer<String, Object> producer, String topic, String key, Object value)
			throws Exception {
		producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
	}

	private static EnvironmentDescriptor descriptor(String environment, String hostId) {
		return new EnvironmentDescriptor(environment, hostId, "c-impostor", "impostor", "envstream/demo:local",
				Map.of("envstream.environment", environment, "envstream.owner", "mallory"), "mallory", null,
				"ws://" + hostId + ":8081/internal/terminal", System.currentTimeMillis(), false);
	}

	/** A record of one line, as a collector of {@code hostId} sends it. */
	private LogEventBatch line(String environment, String hostId, String message) {
		return new LogEventBatch(environment, hostId, "c-" + hostId, List.of(new RawLine(Stream.STDOUT,
				TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()), ++this.seq, message, false)));
	}

	/** The single-line record a collector of {@code hostId} from before batches sends. */
	private LogEvent singleLine(String environment, String hostId, String message) {
		return new LogEvent(environment, hostId, "c-" + hostId, Stream.STDOUT,
				TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()), ++this.seq, message, false);
	}

	private static String prometheus(String processorUrl) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(processorUrl + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
