package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.envstream.gateway.kafka.ConsumerLoop;
import io.envstream.gateway.kafka.ConsumerPart;
import io.envstream.gateway.kafka.GatewayConsumers;
import io.envstream.gateway.lifecycle.GatewayExecutors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.stereotype.Component;

/**
 * The one live consumer of this process, and the owner of the hand-over: it starts the catch-up
 * readers ({@link #catchUp}), joins a reader's subscription once the reader reaches its position
 * ({@link #attach}), and hands a subscriber too slow for live to its partition's shared catch-up read. It is
 * assigned exactly the partitions that have live subscribers and decodes each batch once. Its state
 * is touched by the fan-out thread only; other threads talk to it through commands.
 */
@Component
class LiveFanout implements ConsumerPart, CatchUpReaders.LiveJoin {

	private final CatchUpReaders readers;

	private final SharedCatchUps sharedReads;

	private final LinePipeline pipeline;

	private final Outbox outbox;

	private final LogsMetrics metrics;

	private final LiveSubscribers subscribers;

	private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();

	/**
	 * Per assigned partition, the offset after the last record dispatched (or the seek offset): it may
	 * trail {@code position()} by transaction markers, never by data, and cannot block or be woken up.
	 */
	private final Map<Integer, Long> dispatched = new HashMap<>();

	private final ConsumerLoop loop;

	private KafkaConsumer<String, byte[]> consumer;

	LiveFanout(KafkaClients kafka, CatchUpReaders readers, SharedCatchUps sharedReads, Outbox outbox,
			LinePipeline pipeline, LogsMetrics metrics, GatewayExecutors executors) {
		this.loop = new ConsumerLoop("logs-live-fanout", executors, () -> kafka.consumer("live"), this::runOnce);
		this.readers = readers;
		this.sharedReads = sharedReads;
		this.pipeline = pipeline;
		this.outbox = outbox;
		this.metrics = metrics;
		this.subscribers = new LiveSubscribers(pipeline, outbox);
	}

	/**
	 * Starts the subscription's reading as the reader of {@code generation}; it joins live once caught up. A
	 * followed start that reads Kafka only (a resume by cursor, {@code tail=0}, a resume after a pause) joins its
	 * partition's shared read: a thousand clients resuming at once after a gateway restart read the partition
	 * once, and clients at the same position get the same frames, instead of a reader, a decode and an encoding
	 * each. A start with history to send first gets its own reader.
	 */
	void catchUp(Subscription subscription, long generation, CatchUpReaders.Start start) {
		if (subscription.follow && start.readsKafkaOnly()) {
			this.sharedReads.join(subscription, generation, this);
		}
		else {
			this.readers.start(subscription, generation, start, this);
		}
	}

	/** Joins the subscription to live unless the fan-out has read past the reader's next offset. */
	@Override
	public CompletableFuture<Long> attach(Subscription subscription, long generation, long nextOffset) {
		CompletableFuture<Long> result = new CompletableFuture<>();
		submit(() -> {
			try {
				result.complete(join(subscription, generation, nextOffset));
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
				throw ex;
			}
		});
		return result;
	}

	private long join(Subscription subscription, long generation, long nextOffset) {
		boolean reading = this.subscribers.reads(subscription.partition);
		if (reading && this.dispatched.get(subscription.partition) > nextOffset) {
			return this.dispatched.get(subscription.partition);
		}
		if (!subscription.goLive(generation)) {
			return -1L;
		}
		this.subscribers.add(subscription);
		if (!reading) {
			reassign();
			this.consumer.seek(KafkaClients.partition(subscription.partition), nextOffset);
			this.dispatched.put(subscription.partition, nextOffset);
		}
		this.outbox.kick(subscription);
		return -1L;
	}

	void detach(Subscription subscription) {
		submit(() -> reassignIf(this.subscribers.remove(subscription)));
	}

	private void submit(Runnable command) {
		this.commands.add(command);
		this.loop.wakeup();
	}

	private void reassignIf(boolean partitionsChanged) {
		if (partitionsChanged) {
			reassign();
		}
	}

	private void reassign() {
		this.dispatched.keySet().retainAll(this.subscribers.partitions());
		Set<TopicPartition> partitions = new HashSet<>();
		this.subscribers.partitions().forEach((p) -> partitions.add(KafkaClients.partition(p)));
		this.consumer.assign(partitions);
	}

	private void runOnce(KafkaConsumer<String, byte[]> consumer) throws InterruptedException {
		this.consumer = consumer;
		Runnable command;
		while ((command = this.commands.poll()) != null) {
			command.run();
		}
		if (this.subscribers.isEmpty()) {
			if (this.commands.isEmpty()) {
				this.loop.idle(50);
			}
			return;
		}
		dispatch(this.consumer.poll(Duration.ofMillis(100)));
		reportLag();
	}

	/**
	 * Decodes the records of subscribed environments once and hands each environment all its new
	 * lines of this poll together, so a burst of small batches leaves as few frames of up to
	 * {@code max-batch-lines} lines. A subscriber too slow for live leaves for a shared catch-up read.
	 */
	private void dispatch(ConsumerRecords<String, byte[]> records) {
		Map<Integer, Map<String, List<LogLine>>> polled = new LinkedHashMap<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			this.dispatched.merge(record.partition(), record.offset() + 1, Math::max);
			if (this.subscribers.wants(record.partition(), record.key())) {
				polled.computeIfAbsent(record.partition(), (p) -> new LinkedHashMap<>())
					.computeIfAbsent(record.key(), (key) -> new ArrayList<>())
					.addAll(this.pipeline.lines(record, null));
			}
		}
		polled.forEach((partition, environments) -> environments.forEach((environmentId, lines) -> {
			this.subscribers.offer(partition, environmentId, lines).forEach(this::tooSlow);
			reassignIf(!this.subscribers.reads(partition));
		}));
	}

	/** The client's queue is full: it leaves live and catches up on its partition's shared read. */
	private void tooSlow(Subscription subscription) {
		long generation = subscription.overflow(0);
		if (generation >= 0) {
			this.metrics.slowClient();
			this.sharedReads.join(subscription, generation, this);
		}
	}

	private void reportLag() {
		GatewayConsumers.reportLag(this.consumer, (tp, lag) -> this.metrics.consumerLag(tp.partition(), lag));
	}

	@Override
	public Stage stage() {
		return Stage.LIVE_FANOUT;
	}

	@Override
	public ConsumerLoop loop() {
		return this.loop;
	}

}
