package io.envstream.gateway.logs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.envstream.gateway.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.envstream.gateway.lifecycle.GatewayPart;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * A subscription's own reader, bounded in number per process: first any history (already read
 * from PostgreSQL, plus further pages of a {@code since} replay), then Kafka from the position
 * strictly after the last line queued, up to the live fan-out's position, where it hands the
 * subscription over. It waits whenever the subscription's queue is full, and stops as soon as the
 * subscription pauses, closes or gets a newer reader. Its Kafka consumer is kept for the next read
 * ({@link CatchUpConsumers}). The shared reads of clients too slow for live
 * ({@link SharedCatchUps}) run on the same threads and count against the same bound.
 */
@Component
class CatchUpReaders implements GatewayPart {

	private static final Logger logger = LoggerFactory.getLogger(CatchUpReaders.class);

	/**
	 * Where a reader begins.
	 * @param history lines to queue first (oldest first)
	 * @param since a {@code since} replay still to page through PostgreSQL after {@code history}, or null
	 * @param gap a control frame to queue first, or null
	 */
	record Start(List<LogLine> history, HistoryQuery since, String gap) {

		static final Start CONTINUE = new Start(List.of(), null, null);

		/** Whether it reads Kafka only, from the subscription's position: no history, replay or gap to send first. */
		boolean readsKafkaOnly() {
			return this.history.isEmpty() && this.since == null && this.gap == null;
		}

	}

	/** Where a reader that reached the end hands its subscription over: the live fan-out. */
	interface LiveJoin {

		/** @return -1 once joined (or no longer wanted), else the offset to read up to first */
		CompletableFuture<Long> attach(Subscription subscription, long generation, long nextOffset);

	}

	private final ExecutorService readers;

	private final CatchUpConsumers consumers;

	private final Outbox outbox;

	private final HistoryStore history;

	private final LinePipeline pipeline;

	private final LogsMetrics metrics;

	CatchUpReaders(KafkaClients kafka, Outbox outbox, HistoryStore history, LinePipeline pipeline,
			GatewayProperties properties, LogsMetrics metrics, GatewayExecutors executors, MeterRegistry registry) {
		this.metrics = metrics;
		this.consumers = new CatchUpConsumers(kafka, registry);
		this.outbox = outbox;
		this.history = history;
		this.pipeline = pipeline;
		this.readers = executors.pool("logs-catch-up", properties.maxCatchUpReaders());
	}

	/** A read on one of the readers' threads. */
	interface Read {

		void run() throws Exception;

	}

	/** The Kafka consumers kept between catch-up reads, for the shared reads too. */
	CatchUpConsumers consumers() {
		return this.consumers;
	}

	void start(Subscription subscription, long generation, Start start, LiveJoin live) {
		execute(() -> read(subscription, generation, start, live), (ex) -> {
			logger.warn("catch-up of {} failed: {}", subscription.id, ex.toString());
			subscription.control(Frame.close(CloseStatus.SERVER_ERROR.withReason("catch-up failed")));
			this.outbox.kick(subscription);
		});
	}

	/** Runs {@code read} on a reader's thread, counted as a catch-up read; {@code failed} hears why it failed. */
	void execute(Read read, Consumer<Exception> failed) {
		this.readers.execute(() -> {
			this.metrics.catchUpStarted();
			try {
				read.run();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				failed.accept(ex);
			}
			finally {
				this.metrics.catchUpEnded();
			}
		});
	}

	private void read(Subscription subscription, long generation, Start start, LiveJoin live) throws Exception {
		if (start.gap() != null && !offer(subscription, generation, Frame.control(start.gap()))) {
			return;
		}
		if (!offerLines(subscription, generation, start.history())) {
			return;
		}
		HistoryQuery since = start.since();
		while (since != null && start.history().size() >= since.limit()) {
			List<LogLine> page = this.history.read(new HistoryQuery(since.environmentId(), since.stream(),
					subscription.position(), since.from(), null, since.limit()));
			if (!offerLines(subscription, generation, page)) {
				return;
			}
			since = (page.size() < since.limit()) ? null : since;
		}
		this.consumers.read((consumer) -> readKafka(consumer, subscription, generation, live));
	}

	private void readKafka(KafkaConsumer<String, byte[]> consumer, Subscription subscription, long generation,
			LiveJoin live) throws Exception {
		PartitionReader reader = new PartitionReader(consumer, subscription, this.pipeline);
		if (!reader.start(this.metrics, (gap) -> offer(subscription, generation, gap))) {
			return;
		}
		while (true) {
			if (!reader.readToEnd((lines) -> offerFiltered(subscription, generation, lines),
					() -> subscription.generation() == generation)) {
				return;
			}
			if (!subscription.follow) {
				subscription.control(Frame.close(CloseStatus.NORMAL.withReason("end of history")));
				this.outbox.kick(subscription);
				return;
			}
			long target = live.attach(subscription, generation, reader.position()).get(30, TimeUnit.SECONDS);
			if (target < 0) {
				return;
			}
		}
	}

	private boolean offerFiltered(Subscription subscription, long generation, List<LogLine> lines)
			throws InterruptedException {
		for (Frame frame : this.pipeline.frames(lines, subscription.filter())) {
			if (!offer(subscription, generation, frame)) {
				return false;
			}
		}
		return true;
	}

	private boolean offerLines(Subscription subscription, long generation, List<LogLine> lines)
			throws InterruptedException {
		for (Frame frame : this.pipeline.frames(lines)) {
			if (!offer(subscription, generation, frame)) {
				return false;
			}
		}
		return true;
	}

	private boolean offer(Subscription subscription, long generation, Frame frame) throws InterruptedException {
		boolean taken = subscription.offerCatchUp(generation, frame);
		this.outbox.kick(subscription);
		return taken;
	}

	@Override
	public Stage stage() {
		return Stage.CATCH_UP_READERS;
	}

	@Override
	public void stop() {
		this.readers.shutdownNow();
		this.consumers.close();
	}

}
