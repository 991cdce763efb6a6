package io.envstream.gateway.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * The live subscribers of the fan-out, by partition and environment, and the offering of a poll's
 * lines to them: serialized once per distinct filter (the same frames, messages included, queued
 * for every subscriber with that filter), offered without blocking. Touched by the fan-out thread only.
 */
final class LiveSubscribers {

	private final Map<Integer, Map<String, List<Subscription>>> live = new HashMap<>();

	private final LinePipeline pipeline;

	private final Outbox outbox;

	LiveSubscribers(LinePipeline pipeline, Outbox outbox) {
		this.pipeline = pipeline;
		this.outbox = outbox;
	}

	boolean isEmpty() {
		return this.live.isEmpty();
	}

	Set<Integer> partitions() {
		return this.live.keySet();
	}

	boolean reads(int partition) {
		return this.live.containsKey(partition);
	}

	boolean wants(int partition, String environmentId) {
		Map<String, List<Subscription>> environments = this.live.get(partition);
		return environments != null && environmentId != null && environments.containsKey(environmentId);
	}

	void add(Subscription subscription) {
		this.live.computeIfAbsent(subscription.partition, (p) -> new HashMap<>())
			.computeIfAbsent(subscription.environmentId, (id) -> new ArrayList<>())
			.add(subscription);
	}

	/** @return whether its partition has no subscriber left */
	boolean remove(Subscription subscription) {
		List<Subscription> subscriptions = subscribers(subscription.partition, subscription.environmentId);
		if (subscriptions == null) {
			return false;
		}
		subscriptions.remove(subscription);
		return prune(subscription.partition, subscription.environmentId);
	}

	/**
	 * Offers the environment's new lines of a poll to each of its subscribers. One that is no longer
	 * live leaves; one whose queue is full leaves too and is returned: it is too slow for live.
	 * Afterwards the partition may have no subscriber left ({@link #reads}).
	 */
	List<Subscription> offer(int partition, String environmentId, List<LogLine> lines) {
		List<Subscription> subscriptions = subscribers(partition, environmentId);
		List<Subscription> slow = new ArrayList<>();
		if (subscriptions == null || lines.isEmpty()) {
			return slow;
		}
		SharedFrames frames = new SharedFrames(this.pipeline, lines);
		for (Iterator<Subscription> it = subscriptions.iterator(); it.hasNext();) {
			Subscription subscription = it.next();
			Subscription.Offer offer = offer(subscription, frames);
			if (offer != Subscription.Offer.TAKEN) {
				it.remove();
			}
			if (offer == Subscription.Offer.OVERFLOW) {
				slow.add(subscription);
			}
			this.outbox.kick(subscription);
		}
		prune(partition, environmentId);
		return slow;
	}

	/**
	 * Queues the lines after the subscription's position. Every subscriber with the same filter gets the same
	 * frames, and so does every one that just attached at the same line (a reader queued the lines before it).
	 */
	private static Subscription.Offer offer(Subscription subscription, SharedFrames frames) {
		for (Frame frame : frames.after(subscription.position(), subscription.filter())) {
			Subscription.Offer offer = subscription.offerLive(frame);
			if (offer != Subscription.Offer.TAKEN) {
				return offer;
			}
		}
		return Subscription.Offer.TAKEN;
	}

	private List<Subscription> subscribers(int partition, String environmentId) {
		Map<String, List<Subscription>> environments = this.live.get(partition);
		return (environments == null) ? null : environments.get(environmentId);
	}

	/** Drops an environment without subscribers, and its partition if it was the last; @return the latter */
	private boolean prune(int partition, String environmentId) {
		Map<String, List<Subscription>> environments = this.live.get(partition);
		if (environments == null) {
			return false;
		}
		List<Subscription> subscriptions = environments.get(environmentId);
		if (subscriptions != null && subscriptions.isEmpty()) {
			environments.remove(environmentId);
		}
		if (environments.isEmpty()) {
			this.live.remove(partition);
			return true;
		}
		return false;
	}

}
