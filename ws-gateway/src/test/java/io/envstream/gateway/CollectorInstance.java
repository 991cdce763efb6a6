package io.envstream.gateway;

import java.util.UUID;

import io.envstream.collector.CollectorApplication;
import io.envstream.testsupport.kafka.KafkaFixture;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real collector app, started as its {@code main} starts it, against the shared broker and the
 * real engine, with a host id of its own; it publishes the statuses, descriptors and metrics of
 * every labelled container of the engine.
 */
public final class CollectorInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private CollectorInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** A collector publishing metrics every {@code statsInterval} (e.g. {@code 1s}). */
	public static CollectorInstance start(String statsInterval) {
		GatewayInstance.provisionTopics();
		return new CollectorInstance(CollectorApplication.application()
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + KafkaFixture.shared().bootstrapServers(),
					"--envstream.collector.host-id=gateway-test-" + UUID.randomUUID().toString().substring(0, 8),
					"--envstream.collector.kafka.partitions=" + GatewayInstance.PARTITIONS,
					"--envstream.collector.stats-interval=" + statsInterval, "--spring.main.banner-mode=off"));
	}

	@Override
	public void close() {
		this.context.close();
	}

}
