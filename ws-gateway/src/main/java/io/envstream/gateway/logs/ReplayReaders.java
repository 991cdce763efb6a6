package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.envstream.gateway.lifecycle.GatewayPart;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The readers of paced replays, bounded in number per process ({@code max-replay-readers}): a
 * replay reads what PostgreSQL stores after the subscription's position page by page, then Kafka,
 * and sends it at the pace of its {@link ReplayControls} ({@link PacedLines}). At the end of the
 * partition it joins the live fan-out as a catch-up reader does, without gap or repeat; with
 * {@code until} it ends instead, with 1000, before the first line at or after that time. A reader
 * holds its thread while it waits out the gaps; it stops as soon as the subscription pauses, seeks
 * or closes.
 */
@Component
class ReplayReaders implements GatewayPart {

	private static final Logger logger = LoggerFactory.getLogger(ReplayReaders.class);

	private final ExecutorService readers;

	private final KafkaClients kafka;

	private final HistoryStore history;

	private final LinePipeline pipeline;

	private final Outbox outbox;

	private final LiveFanout fanout;

	private final LogsMetrics metrics;

	private final int maxBatchLines;

	private final int pageLines;

	ReplayReaders(KafkaClients kafka, HistoryStore history, LinePipeline pipeline, Outbox outbox, LiveFanout fanout,
			LogsMetrics metrics, GatewayProperties properties, GatewayExecutors executors) {
		this.kafka = kafka;
		this.metrics = metrics;
		this.history = history;
		this.pipeline = pipeline;
		this.outbox = outbox;
		this.fanout = fanout;
		this.maxBatchLines = properties.maxBatchLines();
		this.pageLines = properties.maxTail();
		this.readers = executors.pool("logs-replay", properties.maxReplayReaders());
	}

	/** Replays the subscription's lines after its position, as its reader of {@code generation}. */
	void start(Subscription subscription, long generation) {
		this.readers.execute(() -> {
			PacedLines paced = new PacedLines(subscription, generation, this.pipeline, this.outbox, this.maxBatchLines);
			try (KafkaConsumer<String, byte[]> consumer = this.kafka.consumer("replay")) {
				PartitionReader kafka = new PartitionReader(consumer, subscription, this.pipeline);
				// connected before the stored lines are paced, so the first line out of Kafka is not late
				kafka.connect();
				if (readHistory(subscription, paced)) {
					readKafka(subscription, generation, paced, kafka);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				logger.warn("replay of {} failed: {}", subscription.id, ex.toString());
				paced.end(CloseStatus.SERVER_ERROR.withReason("replay failed"));
			}
		});
	}

	/** @return whether to go on with Kafka */
	private boolean readHistory(Subscription subscription, PacedLines paced) throws InterruptedException {
		while (true) {
			List<LogLine> page = this.history.read(new HistoryQuery(subscription.environmentId, null,
					subscription.position(), null, null, this.pageLines));
			if (!paced.offer(page)) {
				return false;
			}
			if (page.size() < this.pageLines) {
				return true;
			}
		}
	}

	private void readKafka(Subscription subscription, long generation, PacedLines paced, PartitionReader reader)
			throws Exception {
		if (!reader.start(this.metrics, paced::offerControl)) {
			return;
		}
		while (true) {
			if (!reader.readToEnd(paced::offer, paced::isCurrent)) {
				return;
			}
			if (subscription.replay.hasEnd()) {
				// lines before `until` may still come until it has passed
				if (subscription.replay.endPassed(System.currentTimeMillis() * 1_000_000L)) {
					paced.end(CloseStatus.NORMAL.withReason("end of replay"));
					return;
				}
				if (!paced.idle(Duration.ofMillis(200).toNanos())) {
					return;
				}
			}
			else if (!subscription.follow) {
				paced.end(CloseStatus.NORMAL.withReason("end of history"));
				return;
			}
			else if (this.fanout.attach(subscription, generation, reader.position()).get(30, TimeUnit.SECONDS) < 0) {
				// joined live (or no longer wanted); otherwise read on up to where the fan-out is first
				subscription.replay.joinedLive();
				return;
			}
		}
	}

	@Override
	public Stage stage() {
		return Stage.CATCH_UP_READERS;
	}

	@Override
	public void stop() {
		this.readers.shutdownNow();
	}

}
