package io.envstream.collector;

import java.nio.file.Path;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.envstream.collector.logs.ContainerStates;
import io.envstream.collector.logs.DockerApiLogSource;
import io.envstream.collector.logs.JsonFileLogSource;
import io.envstream.collector.logs.LogSources;
import io.envstream.collector.logs.TakeSchedule;
import io.envstream.collector.stats.StatsReadings;
import io.envstream.collector.terminal.AgentUrl;
import io.envstream.collector.terminal.TerminalProperties;
import io.envstream.collector.terminal.TerminalSessions;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the collector: the engine's client, the log sources, the {@link Collector} itself, and the
 * terminal sessions it serves under its host id.
 */
@Configuration(proxyBeanMethods = false)
class CollectorConfiguration {

	@Bean(destroyMethod = "close")
	DockerHttpClient dockerHttpClient(CollectorProperties properties) {
		DockerClientConfig config = dockerConfig(properties);
		return new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			.connectionTimeout(EngineHttp.CONNECTION_TIMEOUT)
			.maxConnections(1024) // a log stream per container read through the API, the events, the terminals
			.build();
	}

	@Bean(destroyMethod = "")
	DockerClient dockerClient(CollectorProperties properties, DockerHttpClient http) {
		return DockerClientImpl.getInstance(dockerConfig(properties), http);
	}

	/** When the publisher next takes the lines read: the file source's readers look at busy logs just before. */
	@Bean
	TakeSchedule takeSchedule() {
		return new TakeSchedule();
	}

	@Bean
	LogSources logSources(CollectorProperties properties, DockerClient docker, DockerHttpClient http,
			TakeSchedule takes, CollectorMetrics metrics) {
		DockerApiLogSource api = new DockerApiLogSource(http);
		if (properties.logSource() == LogSources.Mode.API) {
			return LogSources.apiOnly(api, "log-source is api");
		}
		String root = (properties.dockerRootDir() != null && !properties.dockerRootDir().isBlank())
				? properties.dockerRootDir() : docker.infoCmd().exec().getDockerRootDir();
		JsonFileLogSource files = new JsonFileLogSource(Path.of(root),
				new ContainerStates(docker, metrics::readError), takes);
		if (files.readable()) {
			return LogSources.filesWherePossible(files, api);
		}
		if (properties.logSource() == LogSources.Mode.FILES) {
			throw new IllegalStateException("envstream.collector.log-source is files, but " + files.containersDirectory()
					+ " cannot be read here (set docker-root-dir to where the engine's data root is mounted)");
		}
		return LogSources.apiOnly(api, files.containersDirectory() + " cannot be read here");
	}

	@Bean
	CollectorMetrics collectorMetrics(MeterRegistry registry) {
		return new CollectorMetrics(registry);
	}

	/** A client of their own: its readings time out, where the log streams and terminals above must not. */
	@Bean(destroyMethod = "close")
	StatsReadings statsReadings(CollectorProperties properties) {
		return StatsReadings.connect(dockerConfig(properties), StatsReadings.READING_TIMEOUT);
	}

	@Bean
	Collector collector(CollectorProperties properties, DockerClient docker, StatsReadings statsReadings,
			LogSources sources, KafkaProperties kafka, TakeSchedule takes, CollectorMetrics metrics,
			TerminalProperties terminal, Environment environment) {
		String hostId = HostId.of(properties.hostId(), docker, properties.dockerHost());
		Map<String, Object> producer = kafka.buildProducerProperties();
		Map<String, Object> consumer = kafka.buildConsumerProperties();
		Map<String, Object> admin = kafka.buildAdminProperties();
		// the collector starts after the web server, so the agent's port is known by then
		return new Collector(properties, docker, statsReadings, sources, hostId,
				() -> AgentUrl.advertised(properties.agentUrl(), terminal.enabled(), environment), producer, consumer,
				admin, takes, metrics);
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
