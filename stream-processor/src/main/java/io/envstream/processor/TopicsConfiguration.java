package io.envstream.processor;

import io.envstream.schemas.topics.ProvisioningReport;
import io.envstream.schemas.topics.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the missing envstream topics (dead-letter topics included) while the context starts, before the
 * topology and the persister's listeners do: neither should find its topics absent.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TopicsConfiguration.class);

	@Bean
	ProvisioningReport provisionedTopics(KafkaProperties kafka, ProcessorProperties properties) {
		try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
			ProvisioningReport report = new TopicProvisioner(admin, properties.partitions(),
					(short) properties.replicationFactor())
				.provision();
			logger.info("Topics created: {}; already there: {}", report.created(), report.existing());
			return report;
		}
	}

}
