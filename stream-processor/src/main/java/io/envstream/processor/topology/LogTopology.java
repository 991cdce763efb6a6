package io.envstream.processor.topology;

import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * From {@code envstream.logs.raw} to {@code envstream.logs}: decode, check the claim, redact, filter and batch per
 * environment. The claims come from the first line or descriptor ({@code envstream.environments}) of each id and
 * from an admin's moves ({@code envstream.environments.claims}). Records that cannot be decoded, lines whose
 * environment id belongs to another host or container, and lines that redaction or filtering fail on, go to
 * {@code envstream.logs.raw.dlt}. Run it with
 * {@code processing.guarantee=exactly_once_v2}: the batches, the dead letters, the open lines' changelog and the
 * input offsets then commit together.
 */
public final class LogTopology {

	/** Keeps the lines of open batches, so that a crash loses none of them. */
	public static final String OPEN_LINES_STORE = "envstream-open-batch-lines";

	/** Keeps which container streams are inside a multi-line private key. */
	public static final String PRIVATE_KEY_BLOCKS_STORE = "envstream-private-key-blocks";

	/** Keeps the claim of every environment id this task has seen ({@link ClaimRules}). */
	public static final String CLAIMS_STORE = "envstream-claims";

	/** Keeps the containers whose descriptor was refused, keyed {@code envId/containerId}. */
	public static final String REFUSED_CONTAINERS_STORE = "envstream-refused-containers";

	private static final String SOURCE = "logs-raw";

	private static final String DESCRIPTORS_SOURCE = "environments";

	private static final String MOVES_SOURCE = "environments-claims";

	private static final String CLAIMS = "claims";

	private static final String DECODE = "decode";

	private static final String BATCH = "redact-filter-batch";

	private static final String LOGS = "logs";

	private static final String DEAD_LETTERS = "logs-raw-dlt";

	private final BatchLimits limits;

	private final LineRules rules;

	private final TopologyMetrics metrics;

	/**
	 * @param limits when batches close
	 * @param rules what is dropped and hidden
	 * @param registry where the metrics go
	 */
	public LogTopology(BatchLimits limits, LineRules rules, MeterRegistry registry) {
		this.limits = limits;
		this.rules = rules;
		this.metrics = new TopologyMetrics(registry);
	}

	public Topology build() {
		Topology topology = new Topology();
		topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
				Topics.LOGS_RAW.name());
		topology.addProcessor(DECODE, () -> new Decoder(CLAIMS, DEAD_LETTERS, this.metrics), SOURCE);
		// the claims are read from the same partitions as the lines (every topic is keyed by envId and has the
		// same partition count), so one task holds the claim of every environment whose lines it reads
		topology.addSource(DESCRIPTORS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
				Topics.ENVIRONMENTS.name());
		topology.addSource(MOVES_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
				Topics.CLAIMS.name());
		topology.addProcessor(CLAIMS, () -> new ClaimGuard(BATCH, DEAD_LETTERS, this.metrics), DECODE,
				DESCRIPTORS_SOURCE, MOVES_SOURCE);
		topology.addStateStore(claimsStore(), CLAIMS);
		topology.addStateStore(refusedContainersStore(), CLAIMS);
		LineBatcher.Names names = new LineBatcher.Names(LOGS, DEAD_LETTERS, OPEN_LINES_STORE, PRIVATE_KEY_BLOCKS_STORE);
		topology.addProcessor(BATCH, () -> new LineBatcher(this.limits, this.rules, this.metrics, names), CLAIMS);
		topology.addStateStore(openLinesStore(), BATCH);
		topology.addStateStore(privateKeyBlocksStore(), BATCH);
		topology.addSink(LOGS, Topics.LOGS.name(), Serdes.String().serializer(), Topics.LOGS.valueSerde().serializer(),
				BATCH);
		topology.addSink(DEAD_LETTERS, Topics.LOGS_RAW_DLT.name(), Serdes.String().serializer(),
				Serdes.ByteArray().serializer(), DECODE, CLAIMS, BATCH);
		return topology;
	}

	private static StoreBuilder<KeyValueStore<Long, LogBatch>> openLinesStore() {
		// not cached, though every record with open lines then writes its lines and a tombstone to the changelog: a
		// commit flushes the producer once per task (StreamTask.prepareCommit), after that task's cache, so a cache
		// written by every task made every commit as many produce requests as tasks, each a round trip the commit
		// waits for and a request the broker verifies with the transaction coordinator. Uncached, the changelog's
		// records are in the producer before the commit starts and the first flush sends them all.
		return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OPEN_LINES_STORE), Serdes.Long(),
				Topics.LOGS.valueSerde());
	}

	private static StoreBuilder<KeyValueStore<String, EnvironmentClaim>> claimsStore() {
		return Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CLAIMS_STORE), Serdes.String(),
					Topics.CLAIMS.valueSerde())
			.withCachingEnabled();
	}

	private static StoreBuilder<KeyValueStore<String, String>> refusedContainersStore() {
		return Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(REFUSED_CONTAINERS_STORE), Serdes.String(),
					Serdes.String())
			.withCachingEnabled();
	}

	private static StoreBuilder<KeyValueStore<String, Integer>> privateKeyBlocksStore() {
		return Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PRIVATE_KEY_BLOCKS_STORE), Serdes.String(),
					Serdes.Integer())
			.withCachingEnabled();
	}

}
