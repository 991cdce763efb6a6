package io.envstream.e2e.bench.processor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/**
 * The benchmarks share the JVM's broker: this creates the envstream topics, waits until every partition's leader
 * serves it, and empties the log topics, so that a benchmark reads only its own records from their start.
 */
final class ReadyTopics {

	private ReadyTopics() {
	}

	static void provisionEmpty(KafkaFixture kafka) throws Exception {
		kafka.provisionTopics(TopicProvisioner.DEFAULT_PARTITIONS);
		Admin admin = kafka.admin();
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
