package io.envstream.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.envstream.testsupport.kafka.KafkaFixture;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The collector app, started as in production (its main configuration) against the shared test
 * broker and the real engine, with a host id of its own so tests do not share checkpoints.
 */
final class RunningCollector implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final String hostId;

	private RunningCollector(ConfigurableApplicationContext context, String hostId) {
		this.context = context;
		this.hostId = hostId;
	}

	/** A fresh host id for a test: its collector's identity across restarts. */
	static String newHostId() {
		return "test-host-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static RunningCollector start(String hostId, String... properties) {
		return start(KafkaFixture.shared(), hostId, properties);
	}

	static RunningCollector start(KafkaFixture kafka, String hostId, String... properties) {
		return startAgainst(kafka.bootstrapServers(), hostId, properties);
	}

	/** Against any broker, e.g. one that needs credentials, given as further {@code spring.kafka.*} properties. */
	static RunningCollector startAgainst(String bootstrapServers, String hostId, String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + bootstrapServers,
				"--envstream.collector.host-id=" + hostId, "--envstream.collector.kafka.partitions=3",
				"--envstream.collector.stats-interval=1s"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new RunningCollector(CollectorApplication.application().run(args.toArray(String[]::new)), hostId);
	}

	String hostId() {
		return this.hostId;
	}

	/** The port the collector's web server (and terminal endpoint) listens on. */
	int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	/** Stops like a crash: the open transaction is left open, buffered lines are lost from memory. */
	void halt() {
		this.context.getBean(Collector.class).halt();
		this.context.close();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
