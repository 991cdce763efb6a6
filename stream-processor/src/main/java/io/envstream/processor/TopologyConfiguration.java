package io.envstream.processor;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.envstream.processor.topology.LogTopology;
import io.envstream.processor.topology.TopologyMetrics;
import io.envstream.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The only place where the topology meets Spring: its settings, its Kafka Streams runtime and its health. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "envstream.processor.topology.enabled", matchIfMissing = true)
class TopologyConfiguration {

	@Bean
	ProcessorStreams processorStreams(ProcessorProperties properties, KafkaProperties kafka, MeterRegistry registry) {
		LogTopology topology = new LogTopology(properties.batchLimits(), properties.lineRules(), registry);
		return new ProcessorStreams(topology.build(), streamsConfig(kafka), registry);
	}

	/**
	 * Up while Kafka Streams runs; the details show the records sent to the dead-letter topic, by cause, which
	 * an operator should look at even though the stream goes on.
	 */
	@Bean
	HealthIndicator processorStreamsHealthIndicator(ProcessorStreams streams, MeterRegistry registry) {
		return () -> {
			KafkaStreams.State state = streams.state();
			boolean up = state != null && (state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED);
			Map<String, Long> deadLetters = new TreeMap<>();
			registry.find(TopologyMetrics.DEAD_LETTERS)
				.counters()
				.forEach((counter) -> deadLetters.put(counter.getId().getTag("cause"), (long) counter.count()));
			return (up ? Health.up() : Health.down()).withDetail("state", String.valueOf(state))
				.withDetail("deadLetters", deadLetters)
				.withDetail("deadLetterTopic", Topics.LOGS_RAW_DLT.name())
				.build();
		};
	}

	static Properties streamsConfig(KafkaProperties kafka) {
		Properties config = new Properties();
		config.putAll(kafka.buildStreamsProperties());
		// not a setting: every guarantee downstream (positions, exactly-once persistence) rests on it
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		return config;
	}

}
