package io.envstream.processor.topology;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * From {@code envstream.logs.raw} to {@code envstream.logs}: decode, redact, filter and batch per environment.
 * Records that cannot be decoded, and lines that redaction or filtering fail on, go to
 * {@code envstream.logs.raw.dlt}. Run it with
 * {@code processing.guarantee=exactly_once_v2}: the batches, the dead letters, the open lines' changelog and the
 * input offsets then commit together.
 */
public final class LogTopology {

	/** Keeps the lines of open batches, so that a crash loses none of them. */
	public static final String OPEN_LINES_STORE = "envstream-open-batch-lines";

	/** Keeps which container streams are inside a multi-line private key. */
	public static final String PRIVATE_KEY_BLOCKS_STORE = "envstream-private-key-blocks";

	private static final String SOURCE = "logs-raw";

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
		topology.addProcessor(DECODE, () -> new Decoder(BATCH, DEAD_LETTERS, this.metrics), SOURCE);
		LineBatcher.Names names = new LineBatcher.Names(LOGS, DEAD_LETTERS, OPEN_LINES_STORE, PRIVATE_KEY_BLOCKS_STORE);
		topology.addProcessor(BATCH, () -> new LineBatcher(this.limits, this.rules, this.metrics, names), DECODE);
		topology.addStateStore(openLinesStore(), BATCH);
		topology.addStateStore(privateKeyBlocksStore(), BATCH);
		topology.addSink(LOGS, Topics.LOGS.name(), Serdes.String().serializer(), Topics.LOGS.valueSerde().serializer(),
				BATCH);
		topology.addSink(DEAD_LETTERS, Topics.LOGS_RAW_DLT.name(), Serdes.String().serializer(),
				Serdes.ByteArray().serializer(), DECODE, BATCH);
		return topology;
	}

	private static StoreBuilder<KeyValueStore<Long, LogBatch>> openLinesStore() {
		// cached: a line whose batch closes before the next commit only ever writes a tombstone to the changelog
		return Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OPEN_LINES_STORE), Serdes.Long(),
					Topics.LOGS.valueSerde())
			.withCachingEnabled();
	}

	private static StoreBuilder<KeyValueStore<String, Integer>> privateKeyBlocksStore() {
		return Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PRIVATE_KEY_BLOCKS_STORE), Serdes.String(),
					Serdes.Integer())
			.withCachingEnabled();
	}

}
