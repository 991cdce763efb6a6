package io.envstream.processor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.admin.TopicDescription;

import static org.awaitility.Awaitility.await;

/**
 * Creates the envstream topics on a fresh cluster, as the processor would, and waits until every partition has a
 * leader: a test producer must neither auto-create a topic with the broker's defaults nor write to a partition
 * whose leadership still settles (an idempotent producer can then be refused for good).
 */
final class ReadyTopics {

	private ReadyTopics() {
	}

	static void provision(KafkaFixture kafka, int partitions) {
		new TopicProvisioner(kafka.admin(), partitions, (short) 1).provision();
		List<String> names = Topics.all().stream().map(TopicDefinition::name).toList();
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			Map<String, TopicDescription> topics = kafka.admin().describeTopics(names).allTopicNames().get();
			return topics.values()
				.stream()
				.allMatch((topic) -> topic.partitions().stream().allMatch((p) -> p.leader() != null));
		});
	}

}
