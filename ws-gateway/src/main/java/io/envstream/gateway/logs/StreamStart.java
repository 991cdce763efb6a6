package io.envstream.gateway.logs;

import java.time.Instant;
import java.util.List;

import io.envstream.gateway.GatewayProperties;
import io.envstream.schemas.cursor.Cursor;

import org.springframework.stereotype.Component;

/**
 * Where a logs stream starts: after a {@code resume} cursor; or the {@code tail} newest stored
 * lines, or those stored {@code since} a time, then Kafka from just before the first of them; with
 * nothing stored, Kafka from the time asked for, or from where the persister's unstored lines
 * begin ({@code tail=0}: from the partition's committed end). And where a paused stream resumes, and where a
 * replay starts or seeks to.
 */
@Component
class StreamStart {

	/**
	 * @param reader what its catch-up reader does first (the stored lines it queues)
	 * @param after the position strictly after which the stream starts
	 */
	record Start(CatchUpReaders.Start reader, Cursor after) {
	}

	/** A resume: after the last line sent ({@code after} null keeps the subscription's own). */
	static final Start AFTER_LAST_SENT = new Start(CatchUpReaders.Start.CONTINUE, null);

	private final HistoryStore history;

	private final KafkaClients kafka;

	private final LogsMetrics metrics;

	private final int maxTail;

	StreamStart(HistoryStore history, KafkaClients kafka, LogsMetrics metrics, GatewayProperties properties) {
		this.history = history;
		this.kafka = kafka;
		this.metrics = metrics;
		this.maxTail = properties.maxTail();
	}

	Start of(String environmentId, int partition, LogsRequest request) throws Exception {
		if (request.resume() != null) {
			this.metrics.resume("resumed");
			return new Start(CatchUpReaders.Start.CONTINUE, request.resume());
		}
		if (request.replay() != null && request.since() != null) {
			// a replay pages the stored lines itself: only where it starts is needed here
			return new Start(CatchUpReaders.Start.CONTINUE, before(environmentId, partition, request.since()));
		}
		HistoryQuery since = (request.since() == null) ? null
				: new HistoryQuery(environmentId, request.stream(), null, request.since(), null, this.maxTail);
		List<LogLine> lines = (since != null) ? this.history.read(since)
				: this.history.tail(environmentId, request.stream(), request.tail());
		Cursor after;
		if (since != null && lines.isEmpty()) {
			// nothing stored yet (persistence lags or is down): replay from Kafka by record time
			after = Positions.before(partition, this.kafka.offsetForTime(partition, request.since()));
		}
		else if (lines.isEmpty() && request.tail() > 0) {
			// its lines may all be in Kafka still, behind the persister: read where that begins first, then
			// look again, so that a line stored in between is either found now or read from Kafka
			long unstored = this.kafka.unstoredFrom(partition);
			lines = this.history.tail(environmentId, request.stream(), request.tail());
			after = lines.isEmpty() ? Positions.before(partition, unstored) : Positions.before(lines.get(0).cursor());
		}
		else if (lines.isEmpty()) {
			after = Positions.before(partition, this.kafka.endOffset(partition));
		}
		else {
			after = Positions.before(lines.get(0).cursor());
		}
		return new Start(new CatchUpReaders.Start(lines, since, null), after);
	}

	/** The position just before the environment's first line at or after {@code since}: where a replay seeks to. */
	Cursor before(String environmentId, int partition, Instant since) throws Exception {
		List<LogLine> first = this.history.read(new HistoryQuery(environmentId, null, null, since, null, 1));
		return first.isEmpty() ? Positions.before(partition, this.kafka.offsetForTime(partition, since))
				: Positions.before(first.get(0).cursor());
	}

	/** A resume at the live tail, with a gap for what it skips; after the last line sent if the end is unknown. */
	Start atLiveTail(Subscription subscription) {
		try {
			long end = this.kafka.endOffset(subscription.partition);
			Cursor from = Positions.before(subscription.partition, end);
			Cursor delivered = subscription.delivered();
			String gap = null;
			if (from != null && delivered != null && from.compareTo(delivered) > 0) {
				gap = FrameEncoder.gap(delivered, new Cursor(subscription.partition, end, 0), "skipped");
			}
			return new Start(new CatchUpReaders.Start(List.of(), null, gap), from);
		}
		catch (Exception ex) {
			subscription.control(Frame.control(FrameEncoder.error("unavailable",
					"cannot find the live tail now; resumed from the last line instead")));
			return AFTER_LAST_SENT;
		}
	}

}
