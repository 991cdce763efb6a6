package io.envstream.testsupport.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * A real KRaft broker (one combined node, in this JVM) that authenticates every client with
 * SASL/SCRAM-SHA-512 and authorizes it with {@link StandardAuthorizer}, denying what no ACL allows:
 * the set-up an operator runs envstream's apps under, each with its own principal. The super user
 * {@value #SUPER_USER} gets its SCRAM credential at storage-format time (as {@code kafka-storage
 * format --add-scram} does) and creates the other users and the ACLs through the Admin API.
 * Closing it stops the broker and deletes its directories.
 */
public final class SecuredKafka implements AutoCloseable {

	/** The SASL mechanism of the client listener. */
	public static final String MECHANISM = "SCRAM-SHA-512";

	/** The principal name the broker itself and {@link #admin()} use; a super user. */
	public static final String SUPER_USER = "admin";

	private static final Logger log = LoggerFactory.getLogger(SecuredKafka.class);

	private static final String SUPER_PASSWORD = "admin-secret-" + Uuid.randomUuid();

	private final KafkaRaftServer server;

	private final Path directory;

	private final String bootstrapServers;

	private final Admin admin;

	private SecuredKafka(KafkaRaftServer server, Path directory, String bootstrapServers) {
		this.server = server;
		this.directory = directory;
		this.bootstrapServers = bootstrapServers;
		this.admin = Admin.create(superUserProps());
	}

	/** Formats a fresh log directory and starts the broker; ready once the super user is answered. */
	public static SecuredKafka start() {
		long started = System.nanoTime();
		EmbeddedClusters.failInsteadOfExiting();
		KafkaRaftServer server = null;
		try {
			Path directory = Files.createTempDirectory("envstream-secured-kafka-");
			int brokerPort = freePort();
			int controllerPort = freePort();
			KafkaConfig config = new KafkaConfig(brokerConfig(directory, brokerPort, controllerPort), false);
			new Formatter().setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
				.setNodeId(config.nodeId())
				.setClusterId(Uuid.randomUuid().toString())
				.setReleaseVersion(MetadataVersion.latestProduction())
				.setControllerListenerName("CONTROLLER")
				.setMetadataLogDirectory(config.metadataLogDir())
				.addDirectory(config.metadataLogDir())
				.setScramArguments(List.of(MECHANISM + "=[name=" + SUPER_USER + ",password=" + SUPER_PASSWORD + "]"))
				.run();
			server = new KafkaRaftServer(config, Time.SYSTEM);
			server.startup();
			SecuredKafka kafka = new SecuredKafka(server, directory, "127.0.0.1:" + brokerPort);
			kafka.admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
			log.info("Secured KRaft broker (SASL/{}, ACLs) up at {} in {} ms", MECHANISM, kafka.bootstrapServers,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
			return kafka;
		}
		catch (Exception ex) {
			if (server != null) {
				server.shutdown();
			}
			throw new IllegalStateException("could not start the secured embedded Kafka broker", ex);
		}
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/** An Admin client of the super user, closed with the broker. */
	public Admin admin() {
		return this.admin;
	}

	/**
	 * Creates (or replaces) a SCRAM user and waits until the broker accepts its password: credentials
	 * reach the broker's cache through the metadata log, a moment after the controller took them.
	 */
	public void addUser(String name, String password) {
		try {
			this.admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not create the SCRAM user " + name, ex);
		}
		// until a client of that user is answered: an authentication failure until then is the wait, not an error
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			try (Admin user = Admin.create(clientProps(name, password))) {
				return user.describeCluster().clusterId().get(10, TimeUnit.SECONDS) != null;
			}
		});
	}

	/** Creates ACLs as the super user; they take effect on the broker within moments. */
	public void addAcls(List<AclBinding> acls) {
		try {
			this.admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not create " + acls.size() + " ACLs", ex);
		}
	}

	/**
	 * A new mutable map of the standard client properties for {@code user}: bootstrap servers,
	 * {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}. An app gets the
	 * same through {@code spring.kafka.security.protocol} and {@code spring.kafka.properties.sasl.*}.
	 */
	public Map<String, Object> clientProps(String user, String password) {
		Map<String, Object> props = new HashMap<>();
		props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
		props.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
		props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
		return props;
	}

	/** {@link #clientProps(String, String)} of the super user, who may do anything, as an operator's tools do. */
	public Map<String, Object> superUserProps() {
		return clientProps(SUPER_USER, SUPER_PASSWORD);
	}

	/** The {@code sasl.jaas.config} value of a SCRAM client. */
	public static String jaasConfig(String user, String password) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
				+ "\" password=\"" + password + "\";";
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
		this.server.shutdown();
		this.server.awaitShutdown();
		deleteRecursively(this.directory);
		log.info("Secured KRaft broker at {} stopped", this.bootstrapServers);
	}

	/**
	 * One node, broker and controller. Clients and the broker itself (inter-broker) use SCRAM-SHA-512
	 * on the SASL listener; the controller listener uses PLAIN, since SCRAM credentials live in the
	 * metadata that the controller serves. Only the super user is on either listener's own JAAS entry.
	 */
	private static Map<String, Object> brokerConfig(Path directory, int brokerPort, int controllerPort) {
		Map<String, Object> config = new HashMap<>();
		config.put("process.roles", "broker,controller");
		config.put("node.id", "1");
		config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		config.put("listeners", "SASL://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
		config.put("advertised.listeners", "SASL://127.0.0.1:" + brokerPort);
		config.put("listener.security.protocol.map", "SASL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
		config.put("inter.broker.listener.name", "SASL");
		config.put("controller.listener.names", "CONTROLLER");
		config.put("listener.name.sasl.sasl.enabled.mechanisms", MECHANISM);
		config.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
		config.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
		config.put("sasl.mechanism.controller.protocol", "PLAIN");
		config.put("listener.name.sasl." + MECHANISM.toLowerCase() + ".sasl.jaas.config",
				jaasConfig(SUPER_USER, SUPER_PASSWORD));
		config.put("listener.name.controller.plain.sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + SUPER_USER
						+ "\" password=\"" + SUPER_PASSWORD + "\" user_" + SUPER_USER + "=\"" + SUPER_PASSWORD + "\";");
		config.put("authorizer.class.name", StandardAuthorizer.class.getName());
		config.put(StandardAuthorizer.SUPER_USERS_CONFIG, "User:" + SUPER_USER);
		config.put(StandardAuthorizer.ALLOW_EVERYONE_IF_NO_ACL_IS_FOUND_CONFIG, "false");
		config.put("log.dirs", directory.resolve("data").toString());
		config.put("auto.create.topics.enable", "false");
		config.put("offsets.topic.replication.factor", "1");
		config.put("offsets.topic.num.partitions", "1");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("transaction.state.log.num.partitions", "1");
		config.put("group.initial.rebalance.delay.ms", "0");
		config.put("num.partitions", "1");
		return config;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not delete " + directory, ex);
		}
	}

}
