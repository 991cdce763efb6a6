package io.envstream.gateway.status;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.Status;

/**
 * The latest {@link EnvironmentStatus} and {@link ContainerMetrics} of every environment (one
 * entry each, so memory grows with the number of environments, not with time) and the listeners
 * of each environment. Updates and subscriptions are serialised, so a new listener gets the
 * current state and then exactly the changes after it. Until {@link #loaded()} (the compacted
 * topic read to the end it had at start-up) nothing is handed out: a listener would otherwise see
 * a replay of old states.
 */
final class LatestStatuses {

	/** States in which the container produces samples; the latest sample of any other state is dropped. */
	private static final Set<Status> SAMPLED = EnumSet.of(Status.RUNNING, Status.PAUSED, Status.RESTARTING);

	private final Map<String, EnvironmentStatus> statuses = new ConcurrentHashMap<>();

	private final Map<String, ContainerMetrics> samples = new HashMap<>();

	private final Map<String, Set<StatusListener>> listeners = new HashMap<>();

	private boolean loaded;

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
		this.statuses.put(environmentId, status);
		if (!SAMPLED.contains(status.getStatus())) {
			this.samples.remove(environmentId);
		}
		if (this.loaded) {
			listenersOf(environmentId).forEach((listener) -> listener.status(status, true));
		}
	}

	/** A record of envstream.metrics. */
	synchronized void metrics(String environmentId, ContainerMetrics metrics) {
		this.samples.put(environmentId, metrics);
		if (this.loaded) {
			listenersOf(environmentId).forEach((listener) -> listener.metrics(metrics, true));
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
	 * has none yet) and the latest sample if it belongs to the running container.
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
		ContainerMetrics sample = this.samples.get(environmentId);
		if (sample != null && SAMPLED.contains(status.getStatus())
				&& sample.getContainerId().equals(status.getContainerId())) {
			listener.metrics(sample, false);
		}
	}

	private Set<StatusListener> listenersOf(String environmentId) {
		return this.listeners.getOrDefault(environmentId, Set.of());
	}

}
