package io.envstream.processor;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.envstream.schemas.topics.ProvisioningReport;
import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the missing envstream topics (dead-letter topics included) while the context starts, before the
 * topology and the persister's listeners do: neither should find its topics absent. The topology reads
 * {@code envstream.logs.raw}, {@code envstream.environments} and {@code envstream.environments.claims} together,
 * so they must have the same partition count: the claims topic is created with that of the lines (which the
 * collectors may have created first, with their own setting), and a mismatch stops the start-up with a clear
 * message rather than a Kafka Streams error.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TopicsConfiguration.class);

	private static final List<TopicDefinition<?, ?>> CO_PARTITIONED = List.of(Topics.LOGS_RAW, Topics.ENVIRONMENTS,
			Topics.CLAIMS);

	@Bean
	ProvisioningReport provisionedTopics(KafkaProperties kafka, ProcessorProperties properties)
			throws InterruptedException, ExecutionException {
		short replicationFactor = (short) properties.replicationFactor();
		try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
			ProvisioningReport topics = new TopicProvisioner(admin, properties.partitions(), replicationFactor)
				.provision(Topics.all().stream().filter((topic) -> topic != Topics.CLAIMS).toList());
			Map<String, Integer> partitions = new TreeMap<>(existingPartitions(admin, topics.existing()));
			topics.created().forEach((created) -> partitions.put(created, properties.partitions()));
			int linePartitions = partitions.get(Topics.LOGS_RAW.name());
			ProvisioningReport claims = new TopicProvisioner(admin, linePartitions, replicationFactor)
				.provision(List.of(Topics.CLAIMS));
			partitions.putAll(existingPartitions(admin, claims.existing()));
			claims.created().forEach((created) -> partitions.put(created, linePartitions));
			requireCoPartitioned(partitions);
			ProvisioningReport report = new ProvisioningReport(concat(topics.created(), claims.created()),
					concat(topics.existing(), claims.existing()), concat(topics.mismatches(), claims.mismatches()));
			logger.info("Topics created: {}; already there: {}", report.created(), report.existing());
			return report;
		}
	}

	/**
	 * Partition counts of the co-partitioned topics among {@code existing} (a topic just created may not be
	 * described yet, so its count is taken from its creation instead).
	 */
	private static Map<String, Integer> existingPartitions(Admin admin, List<String> existing)
			throws InterruptedException, ExecutionException {
		List<String> names = CO_PARTITIONED.stream().map(TopicDefinition::name).filter(existing::contains).toList();
		if (names.isEmpty()) {
			return Map.of();
		}
		return admin.describeTopics(names)
			.allTopicNames()
			.get()
			.values()
			.stream()
			.collect(Collectors.toMap(TopicDescription::name, (description) -> description.partitions().size()));
	}

	private static void requireCoPartitioned(Map<String, Integer> partitions) {
		Map<String, Integer> coPartitioned = new TreeMap<>(partitions);
		coPartitioned.keySet().retainAll(CO_PARTITIONED.stream().map(TopicDefinition::name).toList());
		if (coPartitioned.values().stream().distinct().count() > 1) {
			throw new IllegalStateException("The topology reads " + coPartitioned.keySet()
					+ " together (keyed by envId), so they need the same partition count; they have " + coPartitioned
					+ ". Recreate " + Topics.CLAIMS.name() + " (it holds only admins' moves) or align the others before"
					+ " starting.");
		}
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

}
