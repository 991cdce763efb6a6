package io.envstream.testsupport.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Starts in-JVM KRaft clusters whose internal topics (offsets, transaction log) fit their size. */
final class EmbeddedClusters {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedClusters.class);

	private EmbeddedClusters() {
	}

	/** One combined broker/controller node; publishes its address as {@code spring.embedded.kafka.brokers}. */
	static EmbeddedKafkaKraftBroker startSingleBroker() {
		long started = System.nanoTime();
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerListProperty("spring.embedded.kafka.brokers");
		broker.brokerProperties(configFor(1));
		broker.afterPropertiesSet();
		finalizeFormatDefaults(broker.getBrokersAsString());
		log.info("Embedded KRaft broker up at {} in {} ms", broker.getBrokersAsString(), millisSince(started));
		return broker;
	}

	/**
	 * {@code brokers} brokers and one dedicated controller. Not {@link EmbeddedKafkaKraftBroker}'s
	 * combined nodes: with Kafka 4.1's test kit, a quorum of several combined controllers fails its
	 * raft threads (UpdateVoter answered with INVALID_REQUEST) within seconds, and then a broker
	 * cannot shut down. A separate controller also lets failure tests stop brokers, not the quorum.
	 */
	static KafkaClusterTestKit startCluster(int brokers) {
		if (brokers < 1) {
			throw new IllegalArgumentException("a cluster needs at least one broker, not " + brokers);
		}
		long started = System.nanoTime();
		failInsteadOfExiting();
		TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(brokers)
				.setNumControllerNodes(1).setBootstrapMetadataVersion(MetadataVersion.latestProduction()).build();
		try {
			KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
			configFor(brokers).forEach(builder::setConfigProp);
			KafkaClusterTestKit cluster = builder.build();
			cluster.format();
			cluster.startup();
			cluster.waitForReadyBrokers();
			finalizeFormatDefaults(cluster.bootstrapServers());
			log.info("Embedded KRaft cluster of {} brokers up at {} in {} ms", brokers, cluster.bootstrapServers(),
					millisSince(started));
			return cluster;
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not start an embedded Kafka cluster of " + brokers + " brokers", ex);
		}
	}

	/**
	 * Raises the cluster's features to the levels {@code kafka-storage format} gives a new cluster of this release,
	 * as the standalone broker and the images' brokers are formatted: the test kit bootstraps the metadata version
	 * alone, leaving every other feature at 0, so tests and benchmarks ran the transactions of {@code
	 * transaction.version} 0 where envstream's brokers run 2 (KIP-890: the partition leader adds a transaction's
	 * partitions, the producer sends no AddPartitionsToTxn, every commit bumps the producer epoch).
	 */
	static void finalizeFormatDefaults(String bootstrapServers) {
		MetadataVersion release = MetadataVersion.latestProduction();
		Map<String, FeatureUpdate> updates = new TreeMap<>();
		for (Feature feature : Feature.PRODUCTION_FEATURES) {
			short level = feature.defaultLevel(release);
			// kraft.version is the quorum's own, set by how its voters were configured, not a finalized feature
			if (feature != Feature.KRAFT_VERSION && level > 0) {
				updates.put(feature.featureName(), new FeatureUpdate(level, FeatureUpdate.UpgradeType.UPGRADE));
			}
		}
		try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.updateFeatures(updates, new UpdateFeaturesOptions()).all().get(30, TimeUnit.SECONDS);
			log.info("Finalized the features kafka-storage format gives a {} cluster: {}", release, updates);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not finalize the features " + updates + " at " + bootstrapServers,
					ex);
		}
	}

	/** As spring-kafka-test does: a fatal broker error must fail the test, not exit the JVM. */
	static void failInsteadOfExiting() {
		Exit.setExitProcedure((code, message) -> {
			throw new IllegalStateException("Kafka called Exit.exit(" + code + "): " + message);
		});
		Exit.setHaltProcedure((code, message) -> {
			throw new IllegalStateException("Kafka called Exit.halt(" + code + "): " + message);
		});
	}

	private static Map<String, String> configFor(int brokers) {
		String replicas = String.valueOf(Math.min(brokers, 3));
		String minInSync = brokers >= 3 ? "2" : "1";
		Map<String, String> config = new LinkedHashMap<>();
		config.put("offsets.topic.replication.factor", replicas);
		config.put("transaction.state.log.replication.factor", replicas);
		config.put("transaction.state.log.min.isr", minInSync);
		config.put("default.replication.factor", replicas);
		config.put("min.insync.replicas", minInSync);
		config.put("num.partitions", "1");
		config.put("auto.create.topics.enable", "true");
		config.put("group.initial.rebalance.delay.ms", "0");
		return config;
	}

	private static long millisSince(long nanoTime) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
	}

}
