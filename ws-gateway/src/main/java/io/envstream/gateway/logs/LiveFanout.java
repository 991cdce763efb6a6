package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.envstream.gateway.history.LogLine;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one live consumer of this process, and the owner of the hand-over between a subscription's
 * catch-up reader and live: it starts the readers ({@link #catchUp}), joins a reader's
 * subscription once the reader reaches its position ({@link #attach}), and hands a subscriber
 * whose queue is full back to a reader of its own. It is assigned exactly the partitions that have
 * live subscribers and decodes each batch once ({@link LiveSubscribers} offers the lines). All
 * state here is touched by the fan-out thread only; other threads talk to it through commands.
 */
@Component
class LiveFanout implements SmartLifecycle, CatchUpReaders.LiveJoin {

	private static final Logger logger = LoggerFactory.getLogger(LiveFanout.class);

	private final KafkaClients kafka;

	private final CatchUpReaders readers;

	private final LinePipeline pipeline;

	private final Outbox outbox;

	private final LogsMetrics metrics;

	private final LiveSubscribers subscribers;

	private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();

	/**
	 * Per assigned partition, the offset after the last record dispatched (or the seek offset).
	 * It may trail the consumer's position by transaction markers, never by data, which is all a
	 * hand-over needs; and unlike {@code position()} it cannot block or be woken up.
	 */
	private final Map<Integer, Long> dispatched = new HashMap<>();

	private volatile boolean running;

	private Thread thread;

	private KafkaConsumer<String, byte[]> consumer;

	LiveFanout(KafkaClients kafka, CatchUpReaders readers, Outbox outbox, LinePipeline pipeline,
			LogsMetrics metrics) {
		this.kafka = kafka;
		this.readers = readers;
		this.pipeline = pipeline;
		this.outbox = outbox;
		this.metrics = metrics;
		this.subscribers = new LiveSubscribers(pipeline, outbox);
	}

	/** Starts the subscription's reader of {@code generation}; it joins live once caught up. */
	void catchUp(Subscription subscription, long generation, CatchUpReaders.Start start) {
		this.readers.start(subscription, generation, start, this);
	}

	/**
	 * Joins a catching-up subscription to the live fan-out if the fan-out has not read past
	 * {@code nextOffset} (the reader's next offset) in its partition.
	 * @return -1 when joined (or no longer wanted), else the offset the reader must read up to first
	 */
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
		submit(() -> {
			if (this.subscribers.remove(subscription)) {
				reassign();
			}
		});
	}

	private void submit(Runnable command) {
		this.commands.add(command);
		KafkaConsumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
	}

	private void reassign() {
		this.dispatched.keySet().retainAll(this.subscribers.partitions());
		Set<TopicPartition> partitions = new HashSet<>();
		this.subscribers.partitions().forEach((p) -> partitions.add(KafkaClients.partition(p)));
		this.consumer.assign(partitions);
	}

	private void run() {
		this.consumer = this.kafka.consumer("live");
		try {
			while (this.running) {
				try {
					runOnce();
				}
				catch (WakeupException ex) {
					// a command is waiting
				}
				catch (InterruptException ex) {
					return;
				}
				catch (RuntimeException ex) {
					// the one live consumer must outlive any failure (broker outage, a bug in a command)
					logger.warn("live fan-out iteration failed, continuing: {}", ex.toString());
					synchronized (this) {
						wait(1000);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
		}
	}

	private void runOnce() throws InterruptedException {
		Runnable command;
		while ((command = this.commands.poll()) != null) {
			command.run();
		}
		if (this.subscribers.isEmpty()) {
			synchronized (this) {
				if (this.commands.isEmpty() && this.running) {
					wait(50);
				}
			}
			return;
		}
		dispatch(this.consumer.poll(Duration.ofMillis(100)));
		reportLag();
	}

	/**
	 * Decodes the records of subscribed environments once and hands each environment all its new
	 * lines of this poll together, so a burst of small batches leaves as few frames of up to
	 * {@code max-batch-lines} lines. A subscriber too slow for live gets a reader of its own.
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
			if (!this.subscribers.reads(partition)) {
				reassign();
			}
		}));
	}

	/** The client's queue is full: it leaves live and catches up on its own reader. */
	private void tooSlow(Subscription subscription) {
		long generation = subscription.overflow(0);
		if (generation >= 0) {
			this.metrics.slowClient();
			catchUp(subscription, generation, CatchUpReaders.Start.CONTINUE);
		}
	}

	private void reportLag() {
		for (TopicPartition tp : this.consumer.assignment()) {
			OptionalLong lag = this.consumer.currentLag(tp);
			if (lag.isPresent()) {
				this.metrics.consumerLag(tp.partition(), lag.getAsLong());
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::run, "logs-live-fanout");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		submit(() -> {
		});
		synchronized (this) {
			notifyAll();
		}
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// stops after the shutdown closer (which needs sends to finish) and before the web server
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

}
