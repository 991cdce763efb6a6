package io.envstream.testsupport.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class KafkaFixtureIntegrationTests {

	@Test
	void sharedBrokerDeliversAProducedRecordToAConsumer() throws Exception {
		// given
		KafkaFixture kafka = KafkaFixture.shared();
		String topic = "test-support.roundtrip." + UUID.randomUUID();
		kafka.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();

		// when
		try (var producer = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "env-1", "hello")).get(30, TimeUnit.SECONDS);
		}

		// then
		try (var consumer = new KafkaConsumer<>(kafka.consumerProps("roundtrip-" + UUID.randomUUID()),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(30))
					.until(() -> firstOf(consumer.poll(Duration.ofMillis(200))), r -> r != null);
			assertThat(record.key()).isEqualTo("env-1");
			assertThat(record.value()).isEqualTo("hello");
		}
	}

	@Test
	void sharedIsOneBrokerPerJvmThatCloseDoesNotStop() throws Exception {
		KafkaFixture kafka = KafkaFixture.shared();

		kafka.close();

		assertThat(KafkaFixture.shared()).isSameAs(kafka);
		assertThat(kafka.admin().describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
	}

	@Test
	void sharedBrokerRunsTheTransactionsOfAFormattedCluster() throws Exception {
		FeatureMetadata features = KafkaFixture.shared().admin().describeFeatures().featureMetadata()
			.get(10, TimeUnit.SECONDS);

		short formatted = Feature.TRANSACTION_VERSION.defaultLevel(MetadataVersion.latestProduction());
		assertThat(formatted).as("kafka-storage format's transaction.version").isEqualTo((short) 2);
		assertThat(features.finalizedFeatures()).hasEntrySatisfying(Feature.TRANSACTION_VERSION.featureName(),
				(range) -> assertThat(range.maxVersionLevel()).isEqualTo(formatted));
	}

	@Test
	void sharedBrokerCannotBeStoppedByATest() {
		assertThatIllegalStateException().isThrownBy(() -> KafkaFixture.shared().stopBroker(0))
				.withMessageContaining("startCluster");
	}

	@Test
	void propsCarryTheAgreedDefaults() {
		KafkaFixture kafka = KafkaFixture.shared();

		assertThat(kafka.producerProps()).containsAllEntriesOf(Map.of(
				"bootstrap.servers", kafka.bootstrapServers(), "acks", "all", "enable.idempotence", true));
		assertThat(kafka.consumerProps("g")).containsAllEntriesOf(Map.of(
				"bootstrap.servers", kafka.bootstrapServers(), "group.id", "g",
				"auto.offset.reset", "earliest", "isolation.level", "read_committed"));
	}

	private static <K, V> ConsumerRecord<K, V> firstOf(ConsumerRecords<K, V> records) {
		return records.isEmpty() ? null : records.iterator().next();
	}

}
