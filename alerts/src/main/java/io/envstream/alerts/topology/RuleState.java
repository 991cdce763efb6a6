package io.envstream.alerts.topology;

import io.envstream.alerts.rules.AlertRule;
import io.envstream.schemas.status.Lifecycle;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@link Window}s of one processor, one per (rule, environment), in a store of its own; for lifecycle rules also
 * each environment's {@link Lifecycle}, under a key no rule id can take.
 */
final class RuleState {

	/** Rule ids are numbers, so no (rule, environment) key starts with this. */
	private static final String LIFECYCLE_KEY = "lifecycle|";

	private final KeyValueStore<String, String> store;

	RuleState(ProcessorContext<?, ?> context, String storeName) {
		this.store = context.getStateStore(storeName);
	}

	/** The pair's window, or null when nothing was counted yet (or the last one was cleared). */
	Window get(AlertRule rule, String envId) {
		String value = this.store.get(key(rule, envId));
		return (value != null) ? Window.parse(value) : null;
	}

	void put(AlertRule rule, String envId, Window window) {
		this.store.put(key(rule, envId), window.format());
	}

	void clear(AlertRule rule, String envId) {
		this.store.delete(key(rule, envId));
	}

	/**
	 * Counts one record at {@code timestamp} in the rule's tumbling window: a later window starts over, a record of
	 * a window already left behind (late) is not counted.
	 * @return the window after counting, or null for a late record
	 */
	Window count(AlertRule rule, String envId, long timestamp) {
		long start = Window.startOf(timestamp, rule.window().toMillis());
		Window window = get(rule, envId);
		if (window != null && start < window.start()) {
			return null;
		}
		Window counted = ((window == null || start > window.start()) ? new Window(start, 0, false) : window).counted();
		put(rule, envId, counted);
		return counted;
	}

	/** Where the environment's lifecycle stands, {@link Lifecycle#UNSEEN} before its first status. */
	Lifecycle lifecycle(String envId) {
		String down = this.store.get(LIFECYCLE_KEY + envId);
		return (down != null) ? new Lifecycle(Boolean.parseBoolean(down)) : Lifecycle.UNSEEN;
	}

	void putLifecycle(String envId, Lifecycle lifecycle) {
		this.store.put(LIFECYCLE_KEY + envId, Boolean.toString(lifecycle.down()));
	}

	private static String key(AlertRule rule, String envId) {
		return rule.id() + "|" + envId;
	}

}
