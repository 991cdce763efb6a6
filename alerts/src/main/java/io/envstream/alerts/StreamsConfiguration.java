package io.envstream.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.envstream.alerts.rules.RuleSource;
import io.envstream.alerts.topology.AlertTopology;
import io.envstream.schemas.topics.ProvisioningReport;
import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The only place where the alert topology meets Spring: the topics it needs, its Kafka Streams runtime (started
 * once every bean exists, closed with the context) and its health.
 */
@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(StreamsConfiguration.class);

	/** Read by the topology, written by it, or written by the webhook sender: created when missing. */
	private static final List<TopicDefinition<?, ?>> TOPICS = List.of(Topics.LOGS, Topics.STATUS, Topics.METRICS,
			Topics.ENVIRONMENTS, Topics.ALERTS, Topics.ALERTS_WEBHOOKS_DLT);

	@Bean
	ProvisioningReport alertTopics(KafkaProperties kafka, AlertsProperties properties) {
		try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
			ProvisioningReport report = new TopicProvisioner(admin, properties.partitions(),
					(short) properties.replicationFactor()).provision(TOPICS);
			logger.info("Topics created: {}; already there: {}", report.created(), report.existing());
			return report;
		}
	}

	@Bean
	AlertStreams alertStreams(ProvisioningReport alertTopics, RuleSource rules, KafkaProperties kafka,
			MeterRegistry registry) {
		Properties config = new Properties();
		config.putAll(kafka.buildStreamsProperties());
		// not a setting: an alert, the counts behind it and the offsets read commit together, or none does
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		// a record no contract version decodes is logged and skipped: the persister dead-letters it already
		config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
				LogAndContinueExceptionHandler.class);
		return new AlertStreams(new AlertTopology(rules).build(), config, registry);
	}

	@Bean
	HealthIndicator alertStreamsHealthIndicator(AlertStreams streams) {
		return () -> {
			KafkaStreams.State state = streams.state();
			boolean up = state != null && (state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED);
			return (up ? Health.up() : Health.down()).withDetail("state", String.valueOf(state)).build();
		};
	}

	/** Kafka Streams with the context's lifecycle; a stream thread that dies is replaced and resumes from the last commit. */
	static final class AlertStreams implements SmartLifecycle {

		private final KafkaStreams streams;

		private final KafkaStreamsMetrics metrics;

		private final MeterRegistry registry;

		private volatile boolean running;

		AlertStreams(Topology topology, Properties config, MeterRegistry registry) {
			this.streams = new KafkaStreams(topology, config);
			this.streams.setUncaughtExceptionHandler((ex) -> {
				logger.error("Alert stream thread failed; replacing it", ex);
				return StreamThreadExceptionResponse.REPLACE_THREAD;
			});
			this.metrics = new KafkaStreamsMetrics(this.streams);
			this.registry = registry;
		}

		@Override
		public void start() {
			this.metrics.bindTo(this.registry);
			this.streams.start();
			this.running = true;
		}

		@Override
		public void stop() {
			this.streams.close(Duration.ofSeconds(30));
			this.metrics.close();
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		KafkaStreams.State state() {
			return this.streams.state();
		}

	}

}
