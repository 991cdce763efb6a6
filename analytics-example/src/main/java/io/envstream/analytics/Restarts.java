package io.envstream.analytics;

import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.status.Lifecycle;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Turns envstream.status into one restart increment per restart, as the schemas jar's {@link Lifecycle} defines a
 * restart (the definition envstream's own activity and alerts use): each environment's lifecycle is kept in a state
 * store, so a status published again counts nothing.
 */
final class Restarts implements FixedKeyProcessor<String, EnvironmentStatus, TimedStats> {

	static final String STORE = "analytics-lifecycle";

	private FixedKeyProcessorContext<String, TimedStats> context;

	private KeyValueStore<String, Boolean> down;

	/** Each environment's {@link Lifecycle#down()}. */
	static StoreBuilder<KeyValueStore<String, Boolean>> store() {
		return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Boolean());
	}

	@Override
	public void init(FixedKeyProcessorContext<String, TimedStats> context) {
		this.context = context;
		this.down = context.getStateStore(STORE);
	}

	@Override
	public void process(FixedKeyRecord<String, EnvironmentStatus> record) {
		EnvironmentStatus status = record.value();
		if (status == null) {
			return;
		}
		Boolean wasDown = this.down.get(record.key());
		Lifecycle before = (wasDown != null) ? new Lifecycle(wasDown) : Lifecycle.UNSEEN;
		this.down.put(record.key(), before.next(status.getStatus()).down());
		if (before.restartedBy(status.getStatus())) {
			this.context.forward(record.withValue(new TimedStats(status.getTimestampMillis(), MinuteStats.restart())));
		}
	}

}
