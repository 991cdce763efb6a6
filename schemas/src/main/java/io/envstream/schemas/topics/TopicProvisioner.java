package io.envstream.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics that are missing, with their cleanup policy, and reports how existing
 * topics differ from their definitions. Never alters an existing topic: changing the partition
 * count of a keyed topic reorders its keys, and that is an operator's decision.
 */
public final class TopicProvisioner {

	/** Partition count used when none is configured. */
	public static final int DEFAULT_PARTITIONS = 12;

	private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

	/** How long created topics may take to reach the broker's metadata: far longer than they do. */
	private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

	private static final Duration METADATA_POLL = Duration.ofMillis(50);

	private final Admin admin;

	private final int partitions;

	private final short replicationFactor;

	public TopicProvisioner(Admin admin, short replicationFactor) {
		this(admin, DEFAULT_PARTITIONS, replicationFactor);
	}

	public TopicProvisioner(Admin admin, int partitions, short replicationFactor) {
		if (partitions < 1) {
			throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
		}
		if (replicationFactor < 1) {
			throw new IllegalArgumentException("replicationFactor must be at least 1, was " + replicationFactor);
		}
		this.admin = admin;
		this.partitions = partitions;
		this.replicationFactor = replicationFactor;
	}

	/** Provisions every envstream topic ({@link Topics#all()}). */
	public ProvisioningReport provision() {
		return provision(Topics.all());
	}

	/**
	 * Provisions the given topics.
	 * @throws KafkaException if the cluster cannot be reached or refuses a creation
	 */
	public ProvisioningReport provision(Collection<TopicDefinition<?, ?>> topics) {
		Set<String> present = await(this.admin.listTopics().names(), "list topics");
		List<String> created = create(topics.stream().filter((topic) -> !present.contains(topic.name())).toList());
		awaitKnown(created);
		List<TopicDefinition<?, ?>> existing = topics.stream()
			.filter((topic) -> !created.contains(topic.name()))
			.toList();
		List<TopicMismatch> mismatches = inspect(existing);
		mismatches.forEach((mismatch) -> log.warn("Topic {} has {} {} but envstream expects {}; leaving it as it is",
				mismatch.topic(), mismatch.setting(), mismatch.actual(), mismatch.expected()));
		return new ProvisioningReport(created, existing.stream().map(TopicDefinition::name).toList(), mismatches);
	}

	private List<String> create(List<TopicDefinition<?, ?>> missing) {
		if (missing.isEmpty()) {
			return List.of();
		}
		List<NewTopic> newTopics = missing.stream()
			.map((topic) -> new NewTopic(topic.name(), this.partitions, this.replicationFactor)
				.configs(topic.configs()))
			.toList();
		Map<String, KafkaFuture<Void>> results = this.admin.createTopics(newTopics).values();
		List<String> created = new ArrayList<>();
		for (TopicDefinition<?, ?> topic : missing) {
			try {
				await(results.get(topic.name()), "create topic " + topic.name());
				created.add(topic.name());
				log.info("Created topic {} ({} partitions, replication factor {}, cleanup.policy={})", topic.name(),
						this.partitions, this.replicationFactor, topic.cleanupPolicy().configValue());
			}
			catch (KafkaException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
				log.debug("Topic {} was created concurrently", topic.name());
			}
		}
		return created;
	}

	/**
	 * Waits until the broker answers for the topics just created. A creation completes once the controller
	 * has committed it, before every broker's metadata has it: a describe or a produce right after could
	 * still be told the topic does not exist.
	 */
	private void awaitKnown(List<String> created) {
		if (created.isEmpty()) {
			return;
		}
		List<ConfigResource> resources = created.stream()
			.map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name))
			.toList();
		awaitKnown(() -> this.admin.describeConfigs(resources).all(), "describe configs of " + created);
	}

	/**
	 * Asks until no broker answers that a topic is unknown, for at most {@code METADATA_WAIT}: a topic another app
	 * created a moment ago (the apps of a fleet start at once) is as new as one of ours, and whichever broker answers
	 * may not know it yet.
	 */
	private static <T> T awaitKnown(Supplier<KafkaFuture<T>> request, String action) {
		long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
		while (true) {
			try {
				return await(request.get(), action);
			}
			catch (KafkaException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
					throw ex;
				}
			}
			try {
				Thread.sleep(METADATA_POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptException(ex);
			}
		}
	}

	private List<TopicMismatch> inspect(List<TopicDefinition<?, ?>> existing) {
		if (existing.isEmpty()) {
			return List.of();
		}
		List<String> names = existing.stream().map(TopicDefinition::name).toList();
		Map<String, TopicDescription> descriptions = awaitKnown(() -> this.admin.describeTopics(names).allTopicNames(),
				"describe topics " + names);
		List<ConfigResource> resources = names.stream()
			.map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name))
			.toList();
		Map<ConfigResource, Config> configs = awaitKnown(() -> this.admin.describeConfigs(resources).all(),
				"describe configs of " + names);
		List<TopicMismatch> mismatches = new ArrayList<>();
		for (TopicDefinition<?, ?> topic : existing) {
			int actualPartitions = descriptions.get(topic.name()).partitions().size();
			if (actualPartitions != this.partitions) {
				mismatches.add(new TopicMismatch(topic.name(), TopicMismatch.Setting.PARTITIONS,
						String.valueOf(this.partitions), String.valueOf(actualPartitions)));
			}
			Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
			ConfigEntry policy = (config != null) ? config.get(TopicConfig.CLEANUP_POLICY_CONFIG) : null;
			String actualPolicy = (policy != null) ? policy.value() : "";
			if (!policies(actualPolicy).equals(policies(topic.cleanupPolicy().configValue()))) {
				mismatches.add(new TopicMismatch(topic.name(), TopicMismatch.Setting.CLEANUP_POLICY,
						topic.cleanupPolicy().configValue(), actualPolicy));
			}
		}
		return mismatches;
	}

	private static Set<String> policies(String value) {
		Set<String> policies = new TreeSet<>();
		Arrays.stream(value.split(",")).map(String::trim).filter((p) -> !p.isEmpty()).forEach(policies::add);
		return policies;
	}

	private static <T> T await(KafkaFuture<T> future, String action) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptException(ex);
		}
		catch (ExecutionException ex) {
			throw new KafkaException("Cannot " + action + ": " + ex.getCause().getMessage(), ex.getCause());
		}
	}

}
