package io.envstream.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
		return start(statsInterval, "--envstream.collector.host-id=gateway-test-" + UUID.randomUUID().toString().substring(0, 8));
	}

	/**
	 * As {@link #start(String)}, with extra {@code --name=value} arguments; a later one replaces an
	 * earlier one of the same name (e.g. {@code --server.port}, which is 0 by default).
	 */
	public static CollectorInstance start(String statsInterval, String... extra) {
		GatewayInstance.provisionTopics();
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + KafkaFixture.shared().bootstrapServers(),
				"--envstream.collector.kafka.partitions=" + GatewayInstance.PARTITIONS,
				"--envstream.collector.stats-interval=" + statsInterval, "--spring.main.banner-mode=off"));
		args.addAll(List.of(extra));
		Map<String, String> byName = new LinkedHashMap<>();
		args.forEach((arg) -> byName.put(arg.substring(0, arg.indexOf('=')), arg));
		return new CollectorInstance(CollectorApplication.application().run(byName.values().toArray(String[]::new)));
	}

	/** The host id its statuses, samples and descriptors carry. */
	public String hostId() {
		return this.context.getEnvironment().getRequiredProperty("envstream.collector.host-id");
	}

	@Override
	public void close() {
		this.context.close();
	}

}
