package io.envstream.testsupport.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.awaitility.Awaitility.await;

/**
 * A real Kafka cluster for tests.
 * <p>
 * {@link #shared()} gives one in-JVM KRaft broker per test JVM (spring-kafka-test's
 * {@link EmbeddedKafkaKraftBroker}), started on first use and stopped by a shutdown hook.
 * Point it at an existing cluster instead by setting the environment variable
 * {@value #BOOTSTRAP_ENV} to its bootstrap servers (e.g. {@code kafka-1:9092,kafka-2:9092});
 * the cluster must answer within about ten seconds.
 * <p>
 * {@link #startCluster(int)} starts a fresh KRaft cluster of several brokers and one dedicated
 * controller for failure tests, whose brokers can be stopped and restarted; its caller closes it.
 */
public final class KafkaFixture implements AutoCloseable {

	/** Environment variable naming the bootstrap servers of an external cluster to use instead. */
	public static final String BOOTSTRAP_ENV = "ENVSTREAM_TEST_KAFKA_BOOTSTRAP";

	private static final Logger log = LoggerFactory.getLogger(KafkaFixture.class);

	private static KafkaFixture shared; // guarded by KafkaFixture.class

	private final String bootstrapServers;
	private final KafkaClusterTestKit cluster; // null for an external cluster
	private final Runnable stop;
	private final boolean closedByCaller;
	private Admin admin; // guarded by this
	private boolean stopped; // guarded by this

	private KafkaFixture(String bootstrapServers, KafkaClusterTestKit cluster, Runnable stop, boolean closedByCaller) {
		this.bootstrapServers = bootstrapServers;
		this.cluster = cluster;
		this.stop = stop;
		this.closedByCaller = closedByCaller;
	}

	/** The Kafka of this test JVM: the embedded broker, or the cluster named by {@value #BOOTSTRAP_ENV}. */
	public static synchronized KafkaFixture shared() {
		if (shared == null) {
			shared = forEnvironmentValue(System.getenv(BOOTSTRAP_ENV));
			Runtime.getRuntime().addShutdownHook(new Thread(shared::shutdown, "envstream-kafka-fixture-shutdown"));
		}
		return shared;
	}

	/**
	 * A fresh cluster of {@code brokers} brokers and one controller; close it when done. Internal topics
	 * and auto-created ones get min(brokers, 3) replicas, {@code min.insync.replicas} 2 from 3 brokers up.
	 */
	public static KafkaFixture startCluster(int brokers) {
		KafkaClusterTestKit cluster = EmbeddedClusters.startCluster(brokers);
		return new KafkaFixture(cluster.bootstrapServers(), cluster, () -> closeCluster(cluster), true);
	}

	/** What {@link #shared()} resolves to for a given value of {@value #BOOTSTRAP_ENV} (null: unset). */
	static KafkaFixture forEnvironmentValue(String bootstrapEnv) {
		return forEnvironmentValue(bootstrapEnv, Duration.ofSeconds(10));
	}

	static KafkaFixture forEnvironmentValue(String bootstrapEnv, Duration reachTimeout) {
		if (bootstrapEnv == null || bootstrapEnv.isBlank()) {
			EmbeddedKafkaKraftBroker broker = EmbeddedClusters.startSingleBroker();
			return new KafkaFixture(broker.getBrokersAsString(), broker.getCluster(), broker::destroy, false);
		}
		String servers = bootstrapEnv.trim();
		ExternalKafka.checkReachable(servers, reachTimeout);
		log.info("Using the external Kafka cluster at {} ({})", servers, BOOTSTRAP_ENV);
		return new KafkaFixture(servers, null, () -> { }, false);
	}

	public String bootstrapServers() {
		return bootstrapServers;
	}

	/** An Admin client for this cluster, created once and closed with the fixture. */
	public synchronized Admin admin() {
		if (admin == null) {
			admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
		}
		return admin;
	}

	/**
	 * Creates the envstream topics with {@code partitions} partitions and one replica, and returns once every
	 * partition's leader serves it. The metadata names a new partition's leader before that broker acts as one:
	 * an idempotent producer that writes in between is answered NOT_LEADER_OR_FOLLOWER, retries, and can be
	 * refused for good with OUT_OF_ORDER_SEQUENCE_NUMBER. A leader that answers ListOffsets also takes writes.
	 */
	public void provisionTopics(int partitions) {
		new TopicProvisioner(admin(), partitions, (short) 1).provision();
		Map<TopicPartition, OffsetSpec> everyPartition = new HashMap<>();
		for (TopicDefinition<?, ?> topic : Topics.all()) {
			for (int partition = 0; partition < partitions; partition++) {
				everyPartition.put(new TopicPartition(topic.name(), partition), OffsetSpec.latest());
			}
		}
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
			.until(() -> admin().listOffsets(everyPartition).all().get(5, TimeUnit.SECONDS).size() == everyPartition.size());
	}

	/** A new mutable map: bootstrap servers, {@code acks=all}, idempotence on; add serializers. */
	public Map<String, Object> producerProps() {
		Map<String, Object> props = new HashMap<>();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return props;
	}

	/** A new mutable map: bootstrap servers, the group, earliest, {@code read_committed}; add deserializers. */
	public Map<String, Object> consumerProps(String groupId) {
		Map<String, Object> props = new HashMap<>();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return props;
	}

	/** Node ids of the brokers of a cluster from {@link #startCluster(int)}. */
	public Set<Integer> brokerIds() {
		return new TreeSet<>(ownCluster().brokers().keySet());
	}

	/** Shuts one broker of a {@link #startCluster(int)} cluster down (controlled shutdown, at most 30 s). */
	public void stopBroker(int nodeId) {
		BrokerServer broker = broker(nodeId);
		log.info("Stopping broker {} of the cluster at {}", nodeId, bootstrapServers);
		broker.shutdown(Duration.ofSeconds(30));
		broker.awaitShutdown();
	}

	/** Starts a broker stopped by {@link #stopBroker(int)} again (same node id and log directory). */
	public void restartBroker(int nodeId) {
		BrokerServer broker = broker(nodeId);
		log.info("Restarting broker {} of the cluster at {}", nodeId, bootstrapServers);
		broker.startup();
	}

	/** Stops a cluster from {@link #startCluster(int)}; does nothing for {@link #shared()}. */
	@Override
	public void close() {
		if (closedByCaller) {
			shutdown();
		}
	}

	private synchronized void shutdown() {
		if (stopped) {
			return;
		}
		stopped = true;
		if (admin != null) {
			admin.close(Duration.ofSeconds(5));
			admin = null;
		}
		if (cluster != null) {
			log.info("Stopping the embedded Kafka cluster at {}", bootstrapServers);
		}
		stop.run();
	}

	private BrokerServer broker(int nodeId) {
		BrokerServer broker = ownCluster().brokers().get(nodeId);
		if (broker == null) {
			throw new IllegalArgumentException("no broker " + nodeId + " in " + brokerIds());
		}
		return broker;
	}

	private KafkaClusterTestKit ownCluster() {
		if (!closedByCaller) {
			throw new IllegalStateException("only a cluster from KafkaFixture.startCluster(n) lets tests stop brokers");
		}
		return cluster;
	}

	private static void closeCluster(KafkaClusterTestKit cluster) {
		try {
			cluster.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not stop the embedded Kafka cluster cleanly", ex);
		}
	}

}
