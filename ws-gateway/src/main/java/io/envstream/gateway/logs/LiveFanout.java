package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import io.envstream.gateway.history.LogLine;
import io.envstream.schemas.cursor.Cursor;
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
 * The one live consumer of this process. It is assigned exactly the partitions that have live
 * subscribers, decodes each batch once, serializes it once per distinct filter among that
 * environment's subscribers, and offers the frames to each of them without blocking. A subscriber
 * whose queue is full is handed to {@code slowClient} and leaves the fan-out. All state here is
 * touched by the fan-out thread only; other threads talk to it through commands.
 */
@Component
class LiveFanout implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(LiveFanout.class);

	private final KafkaClients kafka;

	private final Outbox outbox;

	private final LogsMetrics metrics;

	private final LinePipeline pipeline;

	private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();

	private final Map<Integer, Map<String, List<Subscription>>> live = new HashMap<>();

	/**
	 * Per assigned partition, the offset after the last record dispatched (or the seek offset).
	 * It may trail the consumer's position by transaction markers, never by data, which is all a
	 * hand-over needs; and unlike {@code position()} it cannot block or be woken up.
	 */
	private final Map<Integer, Long> dispatched = new HashMap<>();

	private volatile Consumer<Subscription> slowClient = (subscription) -> {
	};

	private volatile boolean running;

	private Thread thread;

	private KafkaConsumer<String, byte[]> consumer;

	LiveFanout(KafkaClients kafka, Outbox outbox, LogsMetrics metrics, LinePipeline pipeline) {
		this.kafka = kafka;
		this.outbox = outbox;
		this.metrics = metrics;
		this.pipeline = pipeline;
	}

	void onSlowClient(Consumer<Subscription> handler) {
		this.slowClient = handler;
	}

	/**
	 * Joins a catching-up subscription to the live fan-out if the fan-out has not read past
	 * {@code nextOffset} (the reader's next offset) in its partition.
	 * @return -1 when joined (or no longer wanted), else the offset the reader must read up to first
	 */
	CompletableFuture<Long> attach(Subscription subscription, long generation, long nextOffset) {
		CompletableFuture<Long> result = new CompletableFuture<>();
		submit(() -> {
			try {
				join(subscription, generation, nextOffset, result);
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
				throw ex;
			}
		});
		return result;
	}

	private void join(Subscription subscription, long generation, long nextOffset, CompletableFuture<Long> result) {
		{
			TopicPartition tp = KafkaClients.partition(subscription.partition);
			Map<String, List<Subscription>> environments = this.live.get(subscription.partition);
			if (environments != null) {
				long position = this.dispatched.get(subscription.partition);
				if (position > nextOffset) {
					result.complete(position);
					return;
				}
			}
			if (!subscription.goLive(generation)) {
				result.complete(-1L);
				return;
			}
			if (environments == null) {
				environments = new HashMap<>();
				this.live.put(subscription.partition, environments);
				reassign();
				this.consumer.seek(tp, nextOffset);
				this.dispatched.put(subscription.partition, nextOffset);
			}
			environments.computeIfAbsent(subscription.environmentId, (id) -> new ArrayList<>()).add(subscription);
			this.outbox.kick(subscription);
			result.complete(-1L);
		}
	}

	void detach(Subscription subscription) {
		submit(() -> remove(subscription));
	}

	private void submit(Runnable command) {
		this.commands.add(command);
		KafkaConsumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
	}

	private void remove(Subscription subscription) {
		Map<String, List<Subscription>> environments = this.live.get(subscription.partition);
		if (environments == null) {
			return;
		}
		List<Subscription> subscriptions = environments.get(subscription.environmentId);
		if (subscriptions != null && subscriptions.remove(subscription) && subscriptions.isEmpty()) {
			environments.remove(subscription.environmentId);
		}
		if (environments.isEmpty()) {
			this.live.remove(subscription.partition);
			reassign();
		}
	}

	private void reassign() {
		this.dispatched.keySet().retainAll(this.live.keySet());
		Set<TopicPartition> partitions = new HashSet<>();
		this.live.keySet().forEach((p) -> partitions.add(KafkaClients.partition(p)));
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
			this.consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
		}
	}

	private void runOnce() throws InterruptedException {
		Runnable command;
		while ((command = this.commands.poll()) != null) {
			command.run();
		}
		if (this.live.isEmpty()) {
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
	 * {@code max-batch-lines} lines.
	 */
	private void dispatch(ConsumerRecords<String, byte[]> records) {
		Map<TopicPartition, Map<String, List<LogLine>>> polled = new LinkedHashMap<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			this.dispatched.merge(record.partition(), record.offset() + 1, Math::max);
			Map<String, List<Subscription>> environments = this.live.get(record.partition());
			if (environments == null || record.key() == null || !environments.containsKey(record.key())) {
				continue;
			}
			polled.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), (tp) -> new LinkedHashMap<>())
				.computeIfAbsent(record.key(), (key) -> new ArrayList<>())
				.addAll(this.pipeline.lines(record, null));
		}
		polled.forEach((tp, environments) -> environments
			.forEach((environmentId, lines) -> dispatch(tp.partition(), environmentId, lines)));
	}

	private void dispatch(int partition, String environmentId, List<LogLine> lines) {
		Map<String, List<Subscription>> environments = this.live.get(partition);
		List<Subscription> subscriptions = (environments == null) ? null : environments.get(environmentId);
		if (subscriptions == null || lines.isEmpty()) {
			return;
		}
		Map<LineFilter, List<Frame>> framesByFilter = new HashMap<>();
		for (Iterator<Subscription> it = subscriptions.iterator(); it.hasNext();) {
			Subscription subscription = it.next();
			LineFilter filter = subscription.filter();
			Cursor position = subscription.position();
			List<Frame> frames;
			if (position == null || position.compareTo(lines.get(0).cursor()) < 0) {
				frames = framesByFilter.computeIfAbsent(filter,
						(f) -> this.pipeline.frames(lines, f));
			}
			else {
				// just attached: part of this poll was already queued by its reader; only here per client
				List<LogLine> after = lines.stream().filter((line) -> line.cursor().compareTo(position) > 0).toList();
				frames = this.pipeline.frames(after, filter);
			}
			for (Frame frame : frames) {
				Subscription.Offer offer = subscription.offerLive(frame);
				if (offer == Subscription.Offer.NOT_LIVE) {
					it.remove();
					break;
				}
				if (offer == Subscription.Offer.OVERFLOW) {
					it.remove();
					this.slowClient.accept(subscription);
					break;
				}
			}
			this.outbox.kick(subscription);
		}
		if (subscriptions.isEmpty()) {
			environments.remove(environmentId);
			if (environments.isEmpty()) {
				this.live.remove(partition);
				reassign();
			}
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
