package io.envstream.processor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// the main method runs, so processor.yaml is read exactly as in production
class StreamProcessorApplicationIntegrationTests extends SharedProcessorContext {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private ProcessorProperties properties;

	@Autowired
	@Qualifier("processorStreamsHealthIndicator")
	private HealthIndicator processorStreamsHealth;

	@Test
	void reportsHealthUpIncludingTheDatabase() throws Exception {
		HttpResponse<String> response = get("/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void reportsTheRunningTopologyInHealth() {
		// the first rebalance (three co-partitioned sources, four stores) may still run when the context is up
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "RUNNING".equals(this.processorStreamsHealth.health().getDetails().get("state")));
		Health health = this.processorStreamsHealth.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", "RUNNING")
			.containsEntry("deadLetterTopic", "envstream.logs.raw.dlt")
			.containsKey("deadLetters");
		assertThat(health.getDetails().get("deadLetters")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("undecodable", "unprocessable", "claim-refused");
	}

	@Test
	void exposesProcessorPersisterAndKafkaMetricsForPrometheus() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes", "envstream_processor_records_in_total",
				"envstream_processor_batch_size", "envstream_processor_lag_seconds",
				"envstream_persister_rows_total", "envstream_persister_db_errors_total",
				"envstream_persister_dead_letters_total", "kafka_consumer_fetch_manager_records_lag_max");
	}

	@Test
	void createsEveryTopicWithTheDeadLetterTopics() throws Exception {
		assertThat(KafkaFixture.shared().admin().listTopics().names().get()).contains(Topics.LOGS_RAW.name(),
				Topics.LOGS.name(), Topics.CLAIMS.name(), Topics.LOGS_RAW_DLT.name(), Topics.LOGS_DLT.name(),
				Topics.ENVIRONMENTS_DLT.name());
	}

	@Test
	void bindsPropertiesWithTheirDefaults() {
		assertThat(this.properties.batchMaxLines()).isEqualTo(100);
		assertThat(this.properties.batchMaxWait()).isEqualTo(Duration.ofMillis(100));
		assertThat(this.properties.retention()).isEqualTo(Duration.ofDays(7));
		assertThat(this.properties.batchMaxBytes().toKilobytes()).isEqualTo(256);
		assertThat(this.properties.redaction().defaults()).isTrue();
		assertThat(this.properties.persister().partitionsAhead()).isEqualTo(7);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
