package io.envstream.testsupport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(180)
class KafkaClusterIntegrationTests {

	private static final String TOPIC = "test-support.replicated";

	@Test
	void threeBrokerClusterKeepsAcceptingAcksAllWritesWhileItsLeaderIsDown() throws Exception {
		try (KafkaFixture cluster = KafkaFixture.startCluster(3);
				var producer = new KafkaProducer<>(cluster.producerProps(), new StringSerializer(),
						new StringSerializer())) {
			// given
			assertThat(cluster.brokerIds()).hasSize(3);
			cluster.admin().createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3)
					.configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
			producer.send(new ProducerRecord<>(TOPIC, "env-1", "before")).get(30, TimeUnit.SECONDS);
			int leader = partition(cluster).leader().id();

			// when
			cluster.stopBroker(leader);
			producer.send(new ProducerRecord<>(TOPIC, "env-1", "during")).get(30, TimeUnit.SECONDS);

			// then
			assertThat(partition(cluster).leader().id()).isNotEqualTo(leader);
			assertThat(readAll(cluster, 2)).containsExactly("before", "during");

			// and the stopped broker comes back into the in-sync replicas
			cluster.restartBroker(leader);
			await().atMost(Duration.ofSeconds(60)).until(() -> partition(cluster).isr().size() == 3);
		}
	}

	private static TopicPartitionInfo partition(KafkaFixture cluster) throws Exception {
		TopicDescription topic = cluster.admin().describeTopics(List.of(TOPIC)).allTopicNames()
				.get(30, TimeUnit.SECONDS).get(TOPIC);
		return topic.partitions().get(0);
	}

	// assigned, not subscribed: no consumer group is needed to read the partition
	private static List<String> readAll(KafkaFixture cluster, int expected) {
		Map<String, Object> props = cluster.consumerProps("unused");
		props.remove(ConsumerConfig.GROUP_ID_CONFIG);
		List<String> values = new ArrayList<>();
		try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
			consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
			consumer.seekToBeginning(consumer.assignment());
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
				return values.size() >= expected;
			});
		}
		return values;
	}

}
