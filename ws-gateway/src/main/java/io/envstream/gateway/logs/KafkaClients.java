package io.envstream.gateway.logs;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.envstream.gateway.kafka.GatewayConsumers;
import io.envstream.schemas.topics.ConsumerGroups;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Kafka clients of the logs feature, from {@code spring.kafka.*}: group-less consumers that are
 * assigned partitions by hand and read committed batches only, and one admin client for
 * partition counts, end offsets and the persister's committed offsets.
 */
@Component
class KafkaClients implements DisposableBean {

	private static final String TOPIC = Topics.LOGS.name();

	private final KafkaProperties properties;

	private final Admin admin;

	private final EndOffsets endOffsets = new EndOffsets(this::readEndOffsets);

	private volatile int partitions;

	KafkaClients(KafkaProperties properties) {
		this.properties = properties;
		Map<String, Object> config = new HashMap<>(properties.buildAdminProperties());
		config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
		config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		this.admin = Admin.create(config);
	}

	KafkaConsumer<String, byte[]> consumer(String purpose) {
		Map<String, Object> config = GatewayConsumers.config(this.properties, purpose);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(config);
	}

	/** Partitions of envstream.logs (cached once known). */
	int partitions() throws Exception {
		if (this.partitions == 0) {
			this.partitions = this.admin.describeTopics(java.util.List.of(TOPIC))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(TOPIC)
				.partitions()
				.size();
		}
		return this.partitions;
	}

	/** The committed end of a partition (its last stable offset), read with others asked for at the same time. */
	long endOffset(int partition) throws Exception {
		return this.endOffsets.of(partition).get(10, TimeUnit.SECONDS);
	}

	private CompletableFuture<Map<Integer, Long>> readEndOffsets(Set<Integer> partitions) {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.forEach((p) -> latest.put(partition(p), OffsetSpec.latest()));
		CompletableFuture<Map<Integer, Long>> ends = new CompletableFuture<>();
		this.admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
			.all()
			.whenComplete((offsets, error) -> {
				if (error != null) {
					ends.completeExceptionally(error);
					return;
				}
				Map<Integer, Long> byPartition = new HashMap<>();
				offsets.forEach((tp, info) -> byPartition.put(tp.partition(), info.offset()));
				ends.complete(byPartition);
			});
		return ends;
	}

	/**
	 * Where the lines the persister has not stored yet begin: its committed offset, or the partition's first
	 * offset while it has committed none.
	 */
	long unstoredFrom(int partition) throws Exception {
		TopicPartition tp = new TopicPartition(TOPIC, partition);
		OffsetAndMetadata committed = this.admin.listConsumerGroupOffsets(ConsumerGroups.PERSISTER)
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS)
			.get(tp);
		if (committed != null) {
			return committed.offset();
		}
		return this.admin.listOffsets(Map.of(tp, OffsetSpec.earliest()))
			.partitionResult(tp)
			.get(10, TimeUnit.SECONDS)
			.offset();
	}

	/** The first offset whose record was written at or after {@code time}, or the end offset if none. */
	long offsetForTime(int partition, java.time.Instant time) throws Exception {
		TopicPartition tp = new TopicPartition(TOPIC, partition);
		long offset = this.admin
			.listOffsets(Map.of(tp, OffsetSpec.forTimestamp(time.toEpochMilli())),
					new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
			.partitionResult(tp)
			.get(10, TimeUnit.SECONDS)
			.offset();
		return (offset < 0) ? endOffset(partition) : offset;
	}

	static TopicPartition partition(int partition) {
		return new TopicPartition(TOPIC, partition);
	}

	@Override
	public void destroy() {
		this.admin.close(java.time.Duration.ofSeconds(2));
	}

}
