package io.envstream.processor.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Filters, redacts and batches the lines of each environment of one input partition, a raw record at a time: a
 * record holds consecutive lines of one container, and each of them is cleaned and batched in turn.
 * <p>
 * Batching rule: while the task is caught up (the record's last line arrived within {@link #CAUGHT_UP_WITHIN} of its
 * timestamp), the lines of a record leave at once, in batches of at most {@code maxLines} lines and {@code maxBytes}:
 * the record holds what its container wrote during one collector transaction, whose interval was their window, and a
 * second window here would stack on it. In a backlog (after a restart, or when the processor falls behind) lines
 * join their environment's open batch (opening one if needed), which closes at {@code maxLines} lines, at
 * {@code maxBytes} (before a line that would take it past them, so only a batch of one line can exceed them), or at
 * the end of the window it opened in ({@link BatchLimits#windowEnd}: windows of {@code maxWait} shared by every
 * task, so batches closing by time close together and share a commit), checked by a punctuation at each window end
 * while a batch is open: batches stay full where lines are late anyway. The first record read caught up takes its
 * environment's open batch with it, closing it first if together they would exceed {@code maxLines}, so a record of
 * up to {@code maxLines} lines leaves in one batch. Batches never mix environments and keep the order lines were
 * read in.
 * <p>
 * A line that filtering or redaction fails on goes to the dead-letter topic, re-encoded alone as a record of one
 * line, and the other lines of its record flow on.
 * <p>
 * While the task is caught up, a closed batch asks for a commit at the next {@link #COMMIT_TICK}, so
 * {@code read_committed} readers see it without waiting for the commit interval. In a backlog a batch closed by its
 * count or size leaves commits to the interval while lines keep coming: a commit per batch would make catching up as
 * slow as the broker's transactions. Lines late already should not wait up to the interval (1 s) more once the
 * backlog ends, so a batch closed at its window's end (its environment's lines stopped coming within the window)
 * asks for the tick too, and so does the first window end after a whole window without a record for the task (its
 * input went quiet) while a batch that left waits for the interval; such commits come at most once a window. The
 * window-end punctuation runs only while a batch is open or one waits for the interval: each punctuation marks the
 * task as needing a commit, so one running all the time would make an idle processor commit a transaction every
 * window.
 * <p>
 * The lines of each record still in an open batch are also kept in a state store (key: the record's source offset;
 * value: those lines, which may be only the last part of the record when its first lines already left) whose
 * changelog commits in the same transaction as the input offsets, so a crash loses no line of an open batch and
 * repeats none that left: after a restart the stored lines are reassembled and leave at the first window end (or
 * with the first record read caught up). Lines that leave with their record are never stored.
 */
final class LineBatcher implements Processor<String, LogEventBatch, String, Object> {

	/** The names of the processor's children and stores, from {@link LogTopology}. */
	record Names(String logsSink, String deadLetterSink, String openLinesStore, String privateKeyBlocksStore) {
	}

	/**
	 * How late a record's last line may be read for the task to count as caught up: longer than a collector's
	 * transaction interval (at most 1 s) plus its commit, and than the clock skew between hosts a fleet keeps.
	 */
	static final Duration CAUGHT_UP_WITHIN = Duration.ofSeconds(2);

	/**
	 * While caught up, batches that left are committed at the next instant that is a multiple of this from the epoch.
	 * A commit asked for at once is made at the end of the stream thread's loop iteration, and the thread works
	 * through one poll's records in several (Kafka Streams adapts how many records of a task an iteration takes), so
	 * one collector transaction's records across 12 partitions left in three or four commits; on shared ticks every
	 * task's batches of the moment share one. With the collector's 80 ms transaction interval a line waits at most
	 * 100 ms besides the commits.
	 */
	static final Duration COMMIT_TICK = Duration.ofMillis(20);

	private final BatchLimits limits;

	private final LineRules rules;

	private final TopologyMetrics metrics;

	private final Names names;

	private final Map<String, OpenBatch> open = new HashMap<>();

	private ProcessorContext<String, Object> context;

	private KeyValueStore<Long, LogBatch> openLines;

	private LineCleaner cleaner;

	private DeadLetters deadLetters;

	/** Whether the last line arrived within {@link #CAUGHT_UP_WITHIN} of its timestamp: no backlog. */
	private boolean caughtUp;

	/** When the task last processed a record, by the wall clock. */
	private long lastRecordMillis;

	/**
	 * Whether a batch left in a backlog without asking for a commit tick since the last one: the commit interval
	 * commits it, or the first window end once the task's input has been quiet for a window.
	 */
	private boolean leftForTheInterval;

	/**
	 * The time check at the next window end, scheduled while a batch is open or {@link #leftForTheInterval};
	 * {@code null} otherwise.
	 */
	private Cancellable windowEndCheck;

	/** The commit asked for at the next {@link #COMMIT_TICK} while a batch that left waits for it; else {@code null}. */
	private Cancellable commitTick;

	LineBatcher(BatchLimits limits, LineRules rules, TopologyMetrics metrics, Names names) {
		this.limits = limits;
		this.rules = rules;
		this.metrics = metrics;
		this.names = names;
	}

	@Override
	public void init(ProcessorContext<String, Object> context) {
		this.context = context;
		this.openLines = context.getStateStore(this.names.openLinesStore());
		this.cleaner = this.rules.cleaner(context.getStateStore(this.names.privateKeyBlocksStore()), this.metrics);
		this.deadLetters = new DeadLetters(context, this.names.deadLetterSink(), this.metrics);
		reopenStoredLines();
		if (!this.open.isEmpty()) {
			scheduleWindowEndCheck(context.currentSystemTimeMs());
		}
	}

	@Override
	public void process(Record<String, LogEventBatch> record) {
		LogEventBatch lines = record.value();
		long now = this.context.currentSystemTimeMs();
		this.lastRecordMillis = now;
		this.metrics.linesIn(lines.getLines().size());
		List<LogEntry> entries = clean(record);
		if (entries.isEmpty()) {
			return;
		}
		RecordMetadata source = this.context.recordMetadata().orElseThrow();
		String environmentId = lines.getEnvId();
		long writtenAt = TimeUnit.NANOSECONDS.toMillis(entries.get(entries.size() - 1).getTimestampNanos());
		this.caughtUp = now - writtenAt < CAUGHT_UP_WITHIN.toMillis();
		OpenBatch batch = this.open.remove(environmentId);
		if (batch != null && this.caughtUp && batch.lines() + entries.size() > this.limits.maxLines()) {
			// topped up to max-lines, the open batch would split the record's lines over two batches where they fit in
			// one of their own. In a backlog the batches stay full instead.
			close(batch, ClosedBy.LINES, now);
			batch = null;
		}
		for (LogEntry entry : entries) {
			long entryBytes = OpenBatch.bytesOf(entry);
			if (batch != null && batch.bytes() + entryBytes > this.limits.maxBytes()) {
				// closed before this line joins: a batch is never much over max-bytes, so a line near the
				// record size limit cannot make a batch record the broker refuses (and the task fail on it forever)
				close(batch, ClosedBy.BYTES, now);
				batch = null;
			}
			if (batch == null) {
				batch = new OpenBatch(environmentId, source.partition(), now);
			}
			batch.add(entry, entryBytes, source.offset());
			if (batch.lines() >= this.limits.maxLines()) {
				close(batch, ClosedBy.LINES, now);
				batch = null;
			}
			else if (batch.bytes() >= this.limits.maxBytes()) {
				close(batch, ClosedBy.BYTES, now);
				batch = null;
			}
		}
		if (batch == null) {
			return;
		}
		if (this.caughtUp) {
			close(batch, ClosedBy.RECORD, now);
			return;
		}
		this.open.put(environmentId, batch);
		scheduleWindowEndCheck(now);
		this.openLines.put(source.offset(), new LogBatch(environmentId, List.copyOf(batch.linesOfLastRecord()),
				source.partition(), source.offset(), source.offset()));
		batch.stored(source.offset());
	}

	/**
	 * The entries of the record's lines that no rule drops; a line that a rule fails on goes to the dead-letter topic
	 * alone, and the others flow on.
	 */
	private List<LogEntry> clean(Record<String, LogEventBatch> record) {
		LogEventBatch lines = record.value();
		List<LogEntry> entries = new ArrayList<>(lines.getLines().size());
		for (RawLine line : lines.getLines()) {
			LogEntry entry;
			try {
				entry = this.cleaner.clean(lines, line);
			}
			// StackOverflowError too: a rule that recursed too deep on one crafted line must not stop every
			// environment of the partition (the stream thread would fail on the same record after every restart)
			catch (RuntimeException | StackOverflowError ex) {
				deadLetter(record, line, ex);
				continue;
			}
			if (entry != null) {
				entries.add(entry);
			}
		}
		return entries;
	}

	private void deadLetter(Record<String, LogEventBatch> record, RawLine line, Throwable failure) {
		LogEventBatch lines = record.value();
		LogEventBatch alone = new LogEventBatch(lines.getEnvId(), lines.getHostId(), lines.getContainerId(),
				List.of(line));
		byte[] value = Topics.LOGS_RAW.valueSerde().serializer().serialize(Topics.LOGS_RAW.name(), alone);
		// each dead letter of the record adds its reason and origin to its own copy of the record's headers
		Headers headers = new RecordHeaders(record.headers().toArray());
		this.deadLetters.send(new Record<>(record.key(), value, record.timestamp(), headers),
				DeadLetterCause.UNPROCESSABLE, "cannot filter or redact the line: " + failure);
	}

	private void closeEndedBatches(long now) {
		// a punctuation repeats at the interval it was scheduled with; the next window end is a window away
		this.windowEndCheck.cancel();
		this.windowEndCheck = null;
		Iterator<Map.Entry<String, OpenBatch>> batches = this.open.entrySet().iterator();
		while (batches.hasNext()) {
			Map.Entry<String, OpenBatch> batch = batches.next();
			if (this.limits.windowEnd(batch.getValue().openedAt()) <= now) {
				batches.remove();
				close(batch.getValue(), ClosedBy.TIME, now);
			}
		}
		if (this.leftForTheInterval && now - this.lastRecordMillis >= this.limits.maxWait().toMillis()) {
			// a whole window without a record: the task's backlog ended, and its last batches are late already
			commitAtTheNextTick(now);
		}
		if (!this.open.isEmpty() || this.leftForTheInterval) {
			scheduleWindowEndCheck(now);
		}
	}

	private void scheduleWindowEndCheck(long now) {
		if (this.windowEndCheck == null) {
			Duration untilWindowEnd = Duration.ofMillis(this.limits.windowEnd(now) - now);
			this.windowEndCheck = this.context.schedule(untilWindowEnd, PunctuationType.WALL_CLOCK_TIME,
					this::closeEndedBatches);
		}
	}

	/**
	 * Asks the stream thread for a commit at the next {@link #COMMIT_TICK} from the epoch, unless one is already asked
	 * for: the task's batches that leave before then share it, and so do every other task's, their ticks being the
	 * same instants.
	 */
	private void commitAtTheNextTick(long now) {
		this.leftForTheInterval = false;
		if (this.commitTick == null) {
			long tick = COMMIT_TICK.toMillis();
			long at = Math.floorDiv(now, tick) * tick + tick;
			this.commitTick = this.context.schedule(Duration.ofMillis(at - now), PunctuationType.WALL_CLOCK_TIME,
					(ignored) -> {
						// a punctuation repeats at its interval: this one is done after its first run
						this.commitTick.cancel();
						this.commitTick = null;
						this.context.commit();
					});
		}
	}

	/** Sends a batch no longer among the open ones, and forgets its stored lines. */
	private void close(OpenBatch batch, ClosedBy reason, long now) {
		for (Long offset : batch.storedOffsets()) {
			// put(null) rather than delete(): delete would decode the old value only to return it
			this.openLines.put(offset, null);
		}
		emit(batch, reason, now);
	}

	private void emit(OpenBatch batch, ClosedBy reason, long now) {
		this.context.forward(new Record<>(batch.environmentId(), batch.toBatch(), now), this.names.logsSink());
		if (this.caughtUp || reason == ClosedBy.TIME) {
			// read_committed readers see the batch only once its transaction commits: commit at the next tick
			// rather than up to commit.interval.ms later
			commitAtTheNextTick(now);
		}
		else if (this.commitTick == null) {
			this.leftForTheInterval = true;
			scheduleWindowEndCheck(now);
		}
		long lagNanos = TimeUnit.MILLISECONDS.toNanos(now) - batch.last().getTimestampNanos();
		this.metrics.batchClosed(reason, batch.lines(), Duration.ofNanos(lagNanos));
	}

	/**
	 * Lines of batches open when the task last stopped: reassembled, in offset order, to leave at the first window
	 * end.
	 */
	private void reopenStoredLines() {
		Map<Long, LogBatch> stored = new TreeMap<>();
		try (KeyValueIterator<Long, LogBatch> all = this.openLines.all()) {
			all.forEachRemaining((lines) -> stored.put(lines.key, lines.value));
		}
		stored.forEach((offset, lines) -> {
			OpenBatch batch = this.open.computeIfAbsent(lines.getEnvId(),
					(id) -> new OpenBatch(id, lines.getSourcePartition(), 0));
			lines.getEntries().forEach((entry) -> batch.add(entry, OpenBatch.bytesOf(entry), offset));
			batch.stored(offset);
		});
	}

}
