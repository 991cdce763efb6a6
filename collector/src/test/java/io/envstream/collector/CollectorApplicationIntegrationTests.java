package io.envstream.collector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// the main method runs, so collector.yaml is read exactly as in production; the context is closed
// after the class so that this collector does not go on following the other tests' containers
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS)
@DirtiesContext
class CollectorApplicationIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private CollectorProperties properties;

	@Autowired
	private Collector collector;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaFixture.shared().bootstrapServers());
	}

	@Test
	void reportsHealthUpWithTheEngineConnected() throws Exception {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> response = get("/actuator/health");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"status\":\"UP\"");
			assertThat(this.collector.engineConnected()).isTrue();
		});
	}

	@Test
	void exposesCollectorMetricsForPrometheus() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes", "envstream_collector_lines_total",
				"envstream_collector_producer_errors_total", "envstream_collector_containers_followed",
				"envstream_collector_buffer_bytes", "envstream_collector_lag_seconds_bucket");
	}

	@Test
	void exposesTheLagOfEachFollowedContainerForPrometheus() throws Exception {
		String env = "lag-" + UUID.randomUUID().toString().substring(0, 8);
		try (DemoContainer container = DockerFixture.shared().startDemo(env)) {
			String series = "envstream_collector_container_lag_seconds{container=\"" + container.id().substring(0, 12)
					+ "\",environment=\"" + env + "\"}";

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(get("/actuator/prometheus").body()).contains(series));
		}
	}

	@Test
	void bindsPropertiesWithTheirDefaultsAndTakesTheEnginesIdAsHostId() {
		assertThat(this.properties.hostId()).isNull();
		assertThat(this.collector.hostId()).isEqualTo(DockerFixture.shared().engineId().replace('/', '_'));
		assertThat(this.properties.dockerHost()).isEqualTo("unix:///var/run/docker.sock");
		assertThat(this.properties.statsInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(this.properties.maxLineBytes()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(this.properties.bufferSize()).isEqualTo(DataSize.ofMegabytes(64));
		assertThat(this.properties.kafka().partitions()).isEqualTo(12);
		assertThat(this.properties.kafka().replicationFactor()).isEqualTo((short) 1);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
