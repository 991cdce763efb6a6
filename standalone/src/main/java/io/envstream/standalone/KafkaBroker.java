package io.envstream.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (broker and controller in one), in this JVM, from the
 * {@code kafka_2.13} artifact: what {@code kafka-storage format} and
 * {@code kafka-server-start} do, without the scripts. The storage is formatted on the
 * first start only; its {@code meta.properties} keeps the cluster id from then on.
 */
final class KafkaBroker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(KafkaBroker.class);

	private static final int NODE_ID = 1;

	private static final String HOST = StandaloneProperties.LOOPBACK;

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private final String clusterId;

	private KafkaBroker(KafkaRaftServer server, String bootstrapServers, String clusterId) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
		this.clusterId = clusterId;
	}

	static KafkaBroker start(Path logDir, int port, int controllerPort) {
		try {
			Files.createDirectories(logDir);
			KafkaConfig config = new KafkaConfig(config(logDir, port, controllerPort), false);
			String clusterId = formatOnFirstStart(logDir);
			KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
			// returns once the broker is unfenced and serving
			server.startup();
			return new KafkaBroker(server, HOST + ":" + port, clusterId);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not start the embedded Kafka broker in " + logDir + ": "
					+ ex.getMessage(), ex);
		}
	}

	private static Map<String, String> config(Path logDir, int port, int controllerPort) {
		// strings, as in server.properties: KafkaConfig wants a Short where Java would box an Integer
		Map<String, String> config = new LinkedHashMap<>();
		config.put("process.roles", "broker,controller");
		config.put("node.id", String.valueOf(NODE_ID));
		config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
		config.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
				+ controllerPort);
		config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
		config.put("controller.listener.names", CONTROLLER_LISTENER);
		config.put("inter.broker.listener.name", "PLAINTEXT");
		config.put("log.dirs", logDir.toAbsolutePath().toString());
		// one node: every internal topic has a single replica, and fewer partitions than a cluster's
		config.put("offsets.topic.replication.factor", "1");
		config.put("offsets.topic.num.partitions", "12");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("transaction.state.log.num.partitions", "12");
		config.put("share.coordinator.state.topic.replication.factor", "1");
		config.put("share.coordinator.state.topic.min.isr", "1");
		config.put("group.initial.rebalance.delay.ms", "0");
		return config;
	}

	private static String formatOnFirstStart(Path logDir) throws Exception {
		Path metaProperties = logDir.resolve("meta.properties");
		if (Files.exists(metaProperties)) {
			String clusterId = read(metaProperties).getProperty("cluster.id");
			logger.info("Kafka storage {} is formatted, cluster id {}", logDir, clusterId);
			return clusterId;
		}
		String clusterId = Uuid.randomUuid().toString();
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		new Formatter().setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
			.setNodeId(NODE_ID)
			.setClusterId(clusterId)
			.setControllerListenerName(CONTROLLER_LISTENER)
			// one directory holds both the metadata log and the topics' logs
			.setMetadataLogDirectory(logDir.toAbsolutePath().toString())
			.addDirectory(logDir.toAbsolutePath().toString())
			.run();
		logger.info("Formatted Kafka storage {} for cluster id {}: {}", logDir, clusterId,
				output.toString(StandardCharsets.UTF_8).strip());
		return clusterId;
	}

	private static Properties read(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	String clusterId() {
		return this.clusterId;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}
