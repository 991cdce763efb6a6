package io.envstream.gateway.status;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentStatus;

/**
 * The latest {@link EnvironmentStatus} of every environment, its {@link ContainerMetrics} of the
 * last {@link #RECENT} (at most {@value #MAX_RECENT} each: memory grows with the number of
 * environments, not with time) and the listeners of each environment. Updates and subscriptions
 * are serialised, so a new listener gets the current state, the recent samples, and then exactly
 * the changes after them. Until {@link #loaded()} (the compacted topic read to the end it had at
 * start-up) nothing is handed out: a listener would otherwise see a replay of old states.
 */
final class LatestStatuses {

	/** How far back a new listener's samples go: the charts of a status page open with them. */
	static final Duration RECENT = Duration.ofMinutes(15);

	/** Samples kept per environment: {@link #RECENT} at one every 2.5 s (the collector's default is 5 s). */
	static final int MAX_RECENT = 360;

	private final Map<String, EnvironmentStatus> statuses = new ConcurrentHashMap<>();

	private final Map<String, Deque<ContainerMetrics>> samples = new HashMap<>();

	private final LongSupplier clock;

	private final Map<String, Set<StatusListener>> listeners = new HashMap<>();

	private boolean loaded;

	LatestStatuses() {
		this(System::currentTimeMillis);
	}

	/** @param clock the time in milliseconds, to tell recent samples from older ones */
	LatestStatuses(LongSupplier clock) {
		this.clock = clock;
	}

	/** The environment's latest state, or {@code null} if none was ever published. Any thread. */
	EnvironmentStatus status(String environmentId) {
		return this.statuses.get(environmentId);
	}

	/** Number of environments with a state. */
	int size() {
		return this.statuses.size();
	}

	synchronized boolean isLoaded() {
		return this.loaded;
	}

	/** The compacted history is read: every listener gets the current state, and changes flow from now. */
	synchronized void loaded() {
		if (this.loaded) {
			return;
		}
		this.loaded = true;
		this.listeners.forEach((environmentId, set) -> set.forEach((listener) -> current(environmentId, listener)));
	}

	/** A record of envstream.status: {@code null} is a tombstone, the environment is forgotten. */
	synchronized void status(String environmentId, EnvironmentStatus status) {
		if (status == null) {
			this.statuses.remove(environmentId);
			this.samples.remove(environmentId);
			return;
		}
		EnvironmentStatus previous = this.statuses.put(environmentId, status);
		if (!this.loaded) {
			return;
		}
		for (StatusListener listener : listenersOf(environmentId)) {
			listener.status(status, true);
			if (previous == null) {
				// its samples were held back until it had a state: they follow the first one
				recent(environmentId, listener);
			}
		}
	}

	/**
	 * A record of envstream.metrics; samples older than {@link #RECENT} are dropped. Listeners get
	 * it once the environment has a state: a client hears of an environment first by its state.
	 */
	synchronized void metrics(String environmentId, ContainerMetrics metrics) {
		Deque<ContainerMetrics> recent = this.samples.computeIfAbsent(environmentId, (id) -> new ArrayDeque<>());
		recent.add(metrics);
		long oldest = this.clock.getAsLong() - RECENT.toMillis();
		while (!recent.isEmpty() && (recent.size() > MAX_RECENT || recent.peek().getTimestampMillis() < oldest)) {
			recent.poll();
		}
		if (recent.isEmpty()) {
			this.samples.remove(environmentId);
		}
		if (this.loaded && this.statuses.containsKey(environmentId)) {
			listenersOf(environmentId).forEach((listener) -> listener.metrics(metrics));
		}
	}

	/**
	 * A record of envstream.alerts, handed to the environment's listeners and not kept. Unlike
	 * states, it needs no loading first: the view reads alerts from the end, so every one is new.
	 */
	synchronized void alert(String environmentId, Alert alert) {
		listenersOf(environmentId).forEach((listener) -> listener.alert(alert));
	}

	/**
	 * Adds a listener; once loaded it gets the current state at once (nothing if the environment
	 * has none yet) and the samples of the last {@link #RECENT}, whatever the state (the charts
	 * of a stopped environment show how it ended).
	 */
	synchronized void subscribe(String environmentId, StatusListener listener) {
		this.listeners.computeIfAbsent(environmentId, (id) -> new LinkedHashSet<>()).add(listener);
		if (this.loaded) {
			current(environmentId, listener);
		}
	}

	/** Hands the current state (only) to a listener again, e.g. when it subscribes to it anew. */
	synchronized void resend(String environmentId, StatusListener listener) {
		EnvironmentStatus status = this.statuses.get(environmentId);
		if (this.loaded && status != null) {
			listener.status(status, false);
		}
	}

	synchronized void unsubscribe(String environmentId, StatusListener listener) {
		Set<StatusListener> set = this.listeners.get(environmentId);
		if (set != null && set.remove(listener) && set.isEmpty()) {
			this.listeners.remove(environmentId);
		}
	}

	private void current(String environmentId, StatusListener listener) {
		EnvironmentStatus status = this.statuses.get(environmentId);
		if (status == null) {
			return;
		}
		listener.status(status, false);
		recent(environmentId, listener);
	}

	private void recent(String environmentId, StatusListener listener) {
		long oldest = this.clock.getAsLong() - RECENT.toMillis();
		List<ContainerMetrics> recent = this.samples.getOrDefault(environmentId, new ArrayDeque<>())
			.stream()
			.filter((sample) -> sample.getTimestampMillis() >= oldest)
			.toList();
		if (!recent.isEmpty()) {
			listener.recentMetrics(recent);
		}
	}

	private Set<StatusListener> listenersOf(String environmentId) {
		return this.listeners.getOrDefault(environmentId, Set.of());
	}

}
