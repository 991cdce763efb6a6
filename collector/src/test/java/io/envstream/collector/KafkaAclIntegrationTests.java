package io.envstream.collector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.envstream.testsupport.kafka.AclDefinitions;
import io.envstream.testsupport.kafka.SecuredKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The collector under its own Kafka principal, against a broker that authenticates with SASL/SCRAM and
 * authorizes with the ACL set operators apply ({@value AclDefinitions#FILE}): it ships a host's lines, and
 * its credentials cannot put anything into envstream.logs, the redacted topic the gateway serves.
 */
class KafkaAclIntegrationTests {

	private static final String COLLECTOR_USER = "envstream-collector";

	private static final String COLLECTOR_PASSWORD = "collector-secret-" + UUID.randomUUID();

	private static final DockerFixture docker = DockerFixture.shared();

	private static SecuredKafka kafka;

	@BeforeAll
	static void startBrokerWithTheAclSet() {
		kafka = SecuredKafka.start();
		kafka.addUser(COLLECTOR_USER, COLLECTOR_PASSWORD);
		kafka.addAcls(AclDefinitions.ofRepository((app) -> "User:envstream-" + app));
		// the processor's topic exists, so a refusal below is about rights, not a missing topic
		new TopicProvisioner(kafka.admin(), 3, (short) 1).provision(List.of(Topics.LOGS));
	}

	@AfterAll
	static void stopBroker() {
		kafka.close();
	}

	@Test
	void collectorPrincipalShipsLinesToRawLogsAndIsRefusedAWriteToTheRedactedLogs() throws Exception {
		// given the collector app with its principal's credentials, set only through standard properties
		String env = "env-" + UUID.randomUUID().toString().substring(0, 8);
		try (RunningCollector collector = RunningCollector.startAgainst(kafka.bootstrapServers(), RunningCollector.newHostId(),
				"spring.kafka.security.protocol=SASL_PLAINTEXT",
				"spring.kafka.properties.sasl.mechanism=" + SecuredKafka.MECHANISM,
				"spring.kafka.properties.sasl.jaas.config=" + SecuredKafka.jaasConfig(COLLECTOR_USER, COLLECTOR_PASSWORD));
				DemoContainer container = docker.startDemo(env);
				TopicRecords<LogEvent> rawLogs = TopicRecords.rawLines(kafka.superUserProps(), (line) -> line.getEnvId().equals(env));
				TopicRecords<EnvironmentDescriptor> environments = new TopicRecords<>(kafka.superUserProps(),
						Topics.ENVIRONMENTS, (descriptor) -> descriptor.getEnvId().equals(env))) {
			// when a container writes lines
			container.writeStdout("first line");
			container.writeStdout("second line");

			// then the collector ships them and the environment's descriptor (it provisioned its topics,
			// read its checkpoints and wrote in transactions under its transactional id)
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(rawLogs.read()).extracting(LogEvent::getMessage)
					.containsExactly("first line", "second line"));
			assertThat(rawLogs.read()).extracting(LogEvent::getHostId).containsOnly(collector.hostId());
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(environments.read()).isNotEmpty());
		}

		// when the same principal writes a record to envstream.logs, and one to envstream.logs.raw
		try (KafkaProducer<String, byte[]> producer = collectorProducer()) {
			Future<RecordMetadata> redacted = producer.send(new ProducerRecord<>(Topics.LOGS.name(), env, new byte[] { 1 }));
			Future<RecordMetadata> raw = producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), env, new byte[] { 1 }));

			// then the broker refuses the first and takes the second
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> redacted.get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(TopicAuthorizationException.class)
				.satisfies((ex) -> assertThat(((TopicAuthorizationException) ex).unauthorizedTopics())
					.containsExactly(Topics.LOGS.name()));
			assertThat(raw.get(30, TimeUnit.SECONDS).topic()).isEqualTo(Topics.LOGS_RAW.name());
		}
		try (TopicRecords<LogBatch> logs = new TopicRecords<>(kafka.superUserProps(), Topics.LOGS,
				(batch) -> true)) {
			assertThat(logs.read()).isEmpty();
		}
	}

	private static KafkaProducer<String, byte[]> collectorProducer() {
		Map<String, Object> props = kafka.clientProps(COLLECTOR_USER, COLLECTOR_PASSWORD);
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
		return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
	}

}
