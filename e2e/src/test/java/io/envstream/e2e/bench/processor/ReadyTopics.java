package io.envstream.e2e.bench.processor;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import static org.awaitility.Awaitility.await;

/**
 * The benchmarks share the JVM's broker: this creates the envstream topics, waits until every partition has a
 * leader (an idempotent producer writing while leadership settles can be refused for good), and empties the log
 * topics, so that a benchmark reads only its own records from their start.
 */
final class ReadyTopics {

	private ReadyTopics() {
	}

	static void provisionEmpty(KafkaFixture kafka) throws Exception {
		Admin admin = kafka.admin();
		new TopicProvisioner(admin, TopicProvisioner.DEFAULT_PARTITIONS, (short) 1).provision();
		List<String> names = Topics.all().stream().map(TopicDefinition::name).toList();
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
			return topics.values()
				.stream()
				.allMatch((topic) -> topic.partitions().stream().allMatch((p) -> p.leader() != null));
		});
		Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
		for (String topic : List.of(Topics.LOGS_RAW.name(), Topics.LOGS.name())) {
			for (int partition = 0; partition < TopicProvisioner.DEFAULT_PARTITIONS; partition++) {
				ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
			}
		}
		Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
		admin.listOffsets(ends).all().get().forEach((partition, end) -> delete.put(partition,
				RecordsToDelete.beforeOffset(end.offset())));
		admin.deleteRecords(delete).all().get();
	}

}
