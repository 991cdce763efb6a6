package io.envstream.analytics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Node example of docs/consuming.md ({@code src/test/node/decode.mjs}, avsc and the .avsc files only) decodes
 * a record exactly as a real broker hands it to any consumer, and the cursor of one of its lines.
 */
class NodeConsumerExampleIntegrationTests {

	private final KafkaFixture kafka = KafkaFixture.shared();

	@Test
	void decodesALogBatchAndTheCursorOfOneOfItsLinesWithOnlyTheAvscFiles() throws Exception {
		// given a batch on envstream.logs, read back as bytes
		String envId = "node-" + UUID.randomUUID().toString().substring(0, 8);
		new TopicProvisioner(this.kafka.admin(), 2, (short) 1).provision(List.of(Topics.LOGS));
		try (KafkaProducer<String, LogBatch> producer = new KafkaProducer<>(this.kafka.producerProps(),
				Topics.LOGS.keySerde().serializer(), Topics.LOGS.valueSerde().serializer())) {
			producer.send(new ProducerRecord<>(Topics.LOGS.name(), envId, batch(envId))).get();
		}
		ConsumerRecord<String, byte[]> record = readBack(envId);
		String cursor = CursorCodec.encode(new Cursor(record.partition(), record.offset(), 1));

		// when
		String decoded = node("{\"record\":\"" + Base64.getEncoder().encodeToString(record.value())
				+ "\",\"cursor\":\"" + cursor + "\"}");

		// then
		assertThat(decoded).contains("\"schema\":\"io.envstream.schemas.avro.LogBatch\"")
			.contains("\"envId\":\"" + envId + "\"")
			.contains("\"message\":\"second line é\"")
			.contains("\"timestampNanos\":\"1764800000123456789\"")
			.contains("\"stream\":\"STDERR\"")
			.endsWith("\"cursor\":{\"partition\":" + record.partition() + ",\"offset\":\"" + record.offset()
					+ "\",\"index\":1}}");
	}

	private ConsumerRecord<String, byte[]> readBack(String envId) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(this.kafka.consumerProps("node-" + envId),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.LOGS.name()));
			AtomicReference<ConsumerRecord<String, byte[]>> found = new AtomicReference<>();
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (envId.equals(record.key())) {
						found.set(record);
					}
				});
				return found.get() != null;
			});
			return found.get();
		}
	}

	private static String node(String request) throws IOException, InterruptedException {
		Path example = Path.of(System.getProperty("envstream.node.example", "src/test/node"));
		Path avro = Path.of(System.getProperty("envstream.avro.dir", "../schemas/src/main/avro"));
		Process process = new ProcessBuilder("node", example.resolve("decode.mjs").toString(), avro.toString())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try (var stdin = process.getOutputStream()) {
			stdin.write(request.getBytes(StandardCharsets.UTF_8));
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
		assertThat(process.exitValue()).as("node exit code, output: %s", output).isZero();
		return output;
	}

	private static LogBatch batch(String envId) {
		return LogBatch.newBuilder()
			.setEnvId(envId)
			.setEntries(List.of(entry(0, Stream.STDOUT, "first line"), entry(1, Stream.STDERR, "second line é")))
			.setSourcePartition(0)
			.setSourceFirstOffset(10)
			.setSourceLastOffset(11)
			.build();
	}

	private static LogEntry entry(long seq, Stream stream, String message) {
		return LogEntry.newBuilder()
			.setStream(stream)
			.setTimestampNanos(1_764_800_000_123_456_789L)
			.setContainerId("c")
			.setHostId("h")
			.setSeq(seq)
			.setMessage(message)
			.build();
	}

}
