package io.envstream.collector;

import java.time.Duration;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.envstream.collector.logs.DockerApiLogSource;
import io.envstream.collector.logs.LogSource;
import io.envstream.collector.terminal.AgentUrl;
import io.envstream.collector.terminal.TerminalProperties;
import io.envstream.collector.terminal.TerminalSessions;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the collector: the engine's client, the log source, the {@link Collector} itself, and the
 * terminal sessions it serves under its host id.
 */
@Configuration(proxyBeanMethods = false)
class CollectorConfiguration {

	@Bean(destroyMethod = "close")
	DockerHttpClient dockerHttpClient(CollectorProperties properties) {
		DockerClientConfig config = dockerConfig(properties);
		return new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			.connectionTimeout(Duration.ofSeconds(5))
			.maxConnections(1024) // a log stream and a stats stream per container, and the events
			.build();
	}

	@Bean(destroyMethod = "")
	DockerClient dockerClient(CollectorProperties properties, DockerHttpClient http) {
		return DockerClientImpl.getInstance(dockerConfig(properties), http);
	}

	@Bean
	LogSource logSource(DockerHttpClient http) {
		return new DockerApiLogSource(http);
	}

	@Bean
	CollectorMetrics collectorMetrics(MeterRegistry registry) {
		return new CollectorMetrics(registry);
	}

	@Bean
	Collector collector(CollectorProperties properties, DockerClient docker, LogSource source,
			KafkaProperties kafka, CollectorMetrics metrics, TerminalProperties terminal, Environment environment) {
		String hostId = HostId.of(properties.hostId(), docker, properties.dockerHost());
		Map<String, Object> producer = kafka.buildProducerProperties();
		Map<String, Object> consumer = kafka.buildConsumerProperties();
		Map<String, Object> admin = kafka.buildAdminProperties();
		// the collector starts after the web server, so the agent's port is known by then
		return new Collector(properties, docker, source, hostId,
				() -> AgentUrl.advertised(properties.agentUrl(), terminal.enabled(), environment), producer, consumer,
				admin, metrics);
	}

	@Bean(destroyMethod = "close")
	TerminalSessions terminalSessions(TerminalProperties properties, DockerClient docker, DockerHttpClient http,
			KafkaProperties kafka, Collector collector) {
		return TerminalSessions.create(properties, docker, http, kafka.buildProducerProperties(), collector.hostId(),
				collector.selector());
	}

	@Bean
	CollectorHealthIndicator collectorHealthIndicator(Collector collector) {
		return new CollectorHealthIndicator(collector);
	}

	private static DockerClientConfig dockerConfig(CollectorProperties properties) {
		return HostId.dockerConfig(properties.dockerHost());
	}


}
