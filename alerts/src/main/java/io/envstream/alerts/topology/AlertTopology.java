package io.envstream.alerts.topology;

import io.envstream.alerts.rules.RuleSource;
import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * logs, metrics and status → rules → {@code envstream.alerts}. Each input has its own processor and store (the
 * topics need not have the same partition count); the environments' descriptors are a global store, so a label
 * selector works whatever partition an environment's records are on. Run with exactly-once: an alert, the
 * counts behind it and the input offsets commit together.
 */
public final class AlertTopology {

	static final String ENVIRONMENTS_STORE = "alerts-environments";

	private final RuleSource rules;

	public AlertTopology(RuleSource rules) {
		this.rules = rules;
	}

	public Topology build() {
		Topology topology = new Topology();
		topology.addGlobalStore(
				Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENVIRONMENTS_STORE),
						Topics.ENVIRONMENTS.keySerde(), Topics.ENVIRONMENTS.valueSerde())
					.withLoggingDisabled(),
				"environments", Topics.ENVIRONMENTS.keySerde().deserializer(),
				Topics.ENVIRONMENTS.valueSerde().deserializer(), Topics.ENVIRONMENTS.name(), "environments-store",
				EnvironmentsStore::new);
		addRules(topology, Topics.LOGS, "log-rules", () -> new LogRules(this.rules), LogRules.STORE);
		addRules(topology, Topics.METRICS, "metric-rules", () -> new MetricRules(this.rules), MetricRules.STORE);
		addRules(topology, Topics.STATUS, "lifecycle-rules", () -> new LifecycleRules(this.rules),
				LifecycleRules.STORE);
		topology.addSink("alerts", Topics.ALERTS.name(), Topics.ALERTS.keySerde().serializer(),
				Topics.ALERTS.valueSerde().serializer(), "log-rules", "metric-rules", "lifecycle-rules");
		return topology;
	}

	private static <V> void addRules(Topology topology, TopicDefinition<String, V> input, String name,
			ProcessorSupplier<String, V, String, Alert> processor, String store) {
		topology.addSource(input.name(), input.keySerde().deserializer(), input.valueSerde().deserializer(),
				input.name());
		topology.addProcessor(name, processor, input.name());
		topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
				Serdes.String()), name);
	}

	/** Keeps the latest descriptor of each environment; a tombstone removes it. */
	private static final class EnvironmentsStore implements Processor<String, EnvironmentDescriptor, Void, Void> {

		private KeyValueStore<String, EnvironmentDescriptor> store;

		@Override
		public void init(ProcessorContext<Void, Void> context) {
			this.store = context.getStateStore(ENVIRONMENTS_STORE);
		}

		@Override
		public void process(Record<String, EnvironmentDescriptor> record) {
			if (record.value() == null) {
				this.store.delete(record.key());
			}
			else {
				this.store.put(record.key(), record.value());
			}
		}

	}

}
