package io.envstream.analytics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The example app against a real broker: its compacted topic and its Prometheus endpoint. */
class AnalyticsExampleIntegrationTests {

	private final KafkaFixture kafka = KafkaFixture.shared();

	private final String envId = "analytics-" + UUID.randomUUID().toString().substring(0, 8);

	private final long minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5))
		.toEpochMilli();

	@TempDir
	Path stateDir;

	@Test
	void writesEachEnvironmentsMinuteToTheCompactedTopicAndServesItAsPrometheusGauges() throws Exception {
		// given
		new TopicProvisioner(this.kafka.admin(), 2, (short) 1).provision(List.of(Topics.LOGS, Topics.STATUS));
		try (KafkaProducer<String, LogBatch> lines = new KafkaProducer<>(this.kafka.producerProps(),
				Topics.LOGS.keySerde().serializer(), Topics.LOGS.valueSerde().serializer());
				KafkaProducer<String, EnvironmentStatus> statuses = new KafkaProducer<>(this.kafka.producerProps(),
						Topics.STATUS.keySerde().serializer(), Topics.STATUS.valueSerde().serializer())) {
			lines.send(new ProducerRecord<>(Topics.LOGS.name(), this.envId, batch("started", "ERROR cache miss")));
			lines.send(new ProducerRecord<>(Topics.LOGS.name(), this.envId, batch("panic: bad", "served")));
			statuses.send(new ProducerRecord<>(Topics.STATUS.name(), this.envId, status(Status.RESTARTING)));
			statuses.send(new ProducerRecord<>(Topics.STATUS.name(), this.envId, status(Status.RUNNING)));
		}

		// when
		try (AnalyticsExample app = AnalyticsExample.start(this.kafka.bootstrapServers(),
				"analytics-it-" + this.envId, this.stateDir.toString(), 0);
				KafkaConsumer<String, String> output = new KafkaConsumer<>(
						this.kafka.consumerProps("check-" + this.envId), new StringDeserializer(),
						new StringDeserializer())) {
			output.subscribe(List.of(AnalyticsTopology.OUTPUT_NAME));
			String key = this.envId + "@" + Instant.ofEpochMilli(this.minute);
			Map<String, String> latest = new HashMap<>();

			String expected = "{\"envId\":\"" + this.envId + "\",\"minute\":\"" + Instant.ofEpochMilli(this.minute)
					+ "\",\"lines\":4,\"errorLines\":2,\"errorRate\":0.5,\"restarts\":1}";

			// then: the minute is updated as lines and restarts arrive (in no set order across the two topics)
			// until it holds the final figures
			await().atMost(Duration.ofSeconds(90)).until(() -> {
				for (ConsumerRecord<String, String> record : output.poll(Duration.ofMillis(200))) {
					latest.put(record.key(), record.value());
				}
				return expected.equals(latest.get(key));
			});
			HttpResponse<String> scrape = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.metricsPort() + "/metrics")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(scrape.statusCode()).isEqualTo(200);
			assertThat(scrape.body()).contains("envstream_analytics_error_rate{env=\"" + this.envId + "\"} 0.5")
				.contains("envstream_analytics_restarts{env=\"" + this.envId + "\"} 1.0")
				.contains("envstream_analytics_lines{env=\"" + this.envId + "\"} 4.0");
		}
	}

	private LogBatch batch(String... messages) {
		List<LogEntry> entries = Arrays.stream(messages)
			.map((message) -> LogEntry.newBuilder()
				.setStream(Stream.STDOUT)
				.setTimestampNanos((this.minute + 5_000) * 1_000_000)
				.setContainerId("c")
				.setHostId("h")
				.setSeq(0)
				.setMessage(message)
				.build())
			.toList();
		return LogBatch.newBuilder()
			.setEnvId(this.envId)
			.setEntries(entries)
			.setSourcePartition(0)
			.setSourceFirstOffset(0)
			.setSourceLastOffset(0)
			.build();
	}

	private EnvironmentStatus status(Status status) {
		return EnvironmentStatus.newBuilder()
			.setEnvId(this.envId)
			.setStatus(status)
			.setContainerId("c")
			.setHostId("h")
			.setTimestampMillis(this.minute + 20_000)
			.build();
	}

}
