package io.envstream.fleet;

import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Prints the node id of the leader of a topic's busiest partition (the most records written over
 * a few seconds). Run inside a broker's container, with the broker's own kafka-clients jar
 * ({@code java -cp DIR:/opt/kafka/libs/* io.envstream.fleet.BusiestPartitionLeader BOOTSTRAP TOPIC
 * SECONDS}): the fleet's Kafka is on an internal network that the test's JVM does not reach.
 */
public final class BusiestPartitionLeader {

	private BusiestPartitionLeader() {
	}

	public static void main(String[] arguments) throws Exception {
		String topic = arguments[1];
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, arguments[0]);
		try (Admin admin = Admin.create(properties)) {
			TopicDescription description = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic);
			Map<TopicPartition, OffsetSpec> latest = description.partitions()
				.stream()
				.collect(Collectors.toMap((p) -> new TopicPartition(topic, p.partition()), (p) -> OffsetSpec.latest()));
			Map<TopicPartition, Long> before = ends(admin, latest);
			Thread.sleep(Long.parseLong(arguments[2]) * 1000);
			Map<TopicPartition, Long> after = ends(admin, latest);
			TopicPartition busiest = after.keySet()
				.stream()
				.max((a, b) -> Long.compare(after.get(a) - before.get(a), after.get(b) - before.get(b)))
				.orElseThrow();
			int leader = description.partitions()
				.stream()
				.filter((p) -> p.partition() == busiest.partition())
				.findFirst()
				.orElseThrow()
				.leader()
				.id();
			System.out.println(leader + " " + busiest + " " + (after.get(busiest) - before.get(busiest)));
		}
	}

	private static Map<TopicPartition, Long> ends(Admin admin, Map<TopicPartition, OffsetSpec> latest) throws Exception {
		return admin.listOffsets(latest)
			.all()
			.get()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (e) -> e.getValue().offset()));
	}

}
