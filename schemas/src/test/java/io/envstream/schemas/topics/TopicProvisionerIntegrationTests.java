package io.envstream.schemas.topics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

class TopicProvisionerIntegrationTests {

	private EmbeddedKafkaKraftBroker broker;

	private Admin admin;

	@BeforeEach
	void startBroker() {
		this.broker = new EmbeddedKafkaKraftBroker(1, 1);
		this.broker.afterPropertiesSet();
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()));
	}

	@AfterEach
	void stopBroker() {
		if (this.admin != null) {
			this.admin.close();
		}
		if (this.broker != null) {
			this.broker.destroy();
		}
	}

	@Test
	void createsEveryMissingTopicWithItsPartitionsAndCleanupPolicy() throws Exception {
		ProvisioningReport report = new TopicProvisioner(this.admin, 3, (short) 1).provision();

		assertThat(report.created()).containsExactlyElementsOf(names(Topics.all()));
		assertThat(report.existing()).isEmpty();
		assertThat(report.hasMismatches()).isFalse();
		Map<String, TopicDescription> descriptions = describe(names(Topics.all()));
		for (TopicDefinition<?, ?> topic : Topics.all()) {
			assertThat(descriptions.get(topic.name()).partitions()).as(topic.name()).hasSize(3);
			assertThat(descriptions.get(topic.name()).partitions().get(0).replicas()).hasSize(1);
			assertThat(cleanupPolicy(topic.name())).as(topic.name()).isEqualTo(topic.cleanupPolicy().configValue());
		}
	}

	/**
	 * The apps of a fleet start at once, each provisioning every topic: a topic another app created a moment ago
	 * must be waited for, not described at once (the broker answered "does not host this topic-partition" and the
	 * app failed to start).
	 */
	@Test
	void appsProvisioningAtOnceAllStart() throws Exception {
		List<Admin> admins = new ArrayList<>();
		ExecutorService apps = Executors.newFixedThreadPool(4);
		try {
			List<Future<ProvisioningReport>> reports = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()));
				admins.add(admin);
				reports.add(apps.submit(() -> new TopicProvisioner(admin, 3, (short) 1).provision()));
			}
			Set<String> createdByAny = new HashSet<>();
			for (Future<ProvisioningReport> report : reports) {
				ProvisioningReport provisioned = report.get(2, TimeUnit.MINUTES);
				assertThat(provisioned.mismatches()).isEmpty();
				createdByAny.addAll(provisioned.created());
			}
			assertThat(createdByAny).containsExactlyInAnyOrderElementsOf(names(Topics.all()));
		}
		finally {
			apps.shutdownNow();
			admins.forEach(Admin::close);
		}
	}

	@Test
	void createsNothingTheSecondTime() {
		TopicProvisioner provisioner = new TopicProvisioner(this.admin, 2, (short) 1);
		provisioner.provision();

		ProvisioningReport again = provisioner.provision();

		assertThat(again.created()).isEmpty();
		assertThat(again.existing()).containsExactlyElementsOf(names(Topics.all()));
		assertThat(again.mismatches()).isEmpty();
	}

	@Test
	void reportsButDoesNotAlterExistingTopicsThatDiffer() throws Exception {
		// given
		this.admin
			.createTopics(List.of(
					new NewTopic(Topics.STATUS.name(), 1, (short) 1)
						.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)),
					new NewTopic(Topics.LOGS.name(), 4, (short) 1)
						.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete"))))
			.all()
			.get();

		// when
		ProvisioningReport report = new TopicProvisioner(this.admin, 4, (short) 1).provision();

		// then
		assertThat(report.existing()).containsExactly(Topics.LOGS.name(), Topics.STATUS.name());
		assertThat(report.created()).containsExactlyElementsOf(names(Topics.all()).stream()
			.filter((name) -> !name.equals(Topics.LOGS.name()) && !name.equals(Topics.STATUS.name()))
			.toList());
		assertThat(report.mismatches()).containsExactly(
				new TopicMismatch(Topics.LOGS.name(), TopicMismatch.Setting.CLEANUP_POLICY, "delete", "compact,delete"),
				new TopicMismatch(Topics.STATUS.name(), TopicMismatch.Setting.PARTITIONS, "4", "1"),
				new TopicMismatch(Topics.STATUS.name(), TopicMismatch.Setting.CLEANUP_POLICY, "compact", "delete"));
		assertThat(report.mismatches().get(1)).hasToString("envstream.status: partitions is 1, expected 4");
		assertThat(describe(List.of(Topics.STATUS.name())).get(Topics.STATUS.name()).partitions()).hasSize(1);
		assertThat(cleanupPolicy(Topics.STATUS.name())).isEqualTo("delete");
	}

	private static List<String> names(List<TopicDefinition<?, ?>> topics) {
		return topics.stream().map(TopicDefinition::name).toList();
	}

	private Map<String, TopicDescription> describe(List<String> names)
			throws InterruptedException, ExecutionException {
		return this.admin.describeTopics(names).allTopicNames().get();
	}

	private String cleanupPolicy(String topic) throws InterruptedException, ExecutionException {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		Config config = this.admin.describeConfigs(Set.of(resource)).all().get().get(resource);
		return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
	}

}
