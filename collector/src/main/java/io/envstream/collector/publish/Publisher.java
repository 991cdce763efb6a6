package io.envstream.collector.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.envstream.collector.Backoff;
import io.envstream.collector.CollectorMetrics;
import io.envstream.collector.logs.LineSink;
import io.envstream.collector.logs.TakeSchedule;
import io.envstream.collector.logs.LogLine;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.RawLine;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer to Kafka: a transactional producer whose {@code transactional.id} is derived
 * from the host id, so a restarted collector fences its predecessor and aborts what it left open.
 * Lines and each container's checkpoint go in the same transaction. Items wait in a buffer
 * bounded in bytes: when Kafka is slow or away, {@link #ship} blocks, so followers stop reading
 * (the engine keeps the log) and nothing is dropped; a failed transaction is aborted and the same
 * items are sent again. A transaction takes whatever waits when it begins, and the lines of one container in it
 * share records ({@link LineRecords}): lines that arrive while a commit is in flight group into the next
 * transaction, so records hold more lines the busier the host. A transaction begins no sooner than the transaction
 * interval after the one before it began: each costs the broker about the same whatever it carries (the partitions
 * added to it, the commit, a marker in each partition, the consumers' fetches it wakes), so a busy host waits a little
 * to carry more per transaction, while a line after a quiet spell leaves at once. The interval is the lines' batch
 * window: the stream processor passes a caught-up record's lines on at once (and commits them within 20 ms).
 */
public final class Publisher implements LineSink {

	private static final Logger logger = LoggerFactory.getLogger(Publisher.class);

	private static final int MAX_TRANSACTION_ITEMS = 10_000;

	private final TransactionWriter writer;

	private final String hostId;

	private final CollectorMetrics metrics;

	private final int budgetBytes;

	private final long transactionIntervalNanos;

	private final Semaphore budget;

	private final BlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();

	private final Thread thread;

	private final TakeSchedule takes;

	private volatile boolean closing;

	private volatile boolean halted;

	private volatile String failure;

	/**
	 * @param limit how much text the records of {@code envstream.logs.raw} may carry
	 * @param budgetBytes how many bytes of items may wait for Kafka before {@link #ship} blocks
	 * @param transactionInterval the least time from the start of one transaction to the start of the next
	 * @param takes told when the next transaction begins, for the readers of busy logs to look just before
	 */
	public Publisher(Map<String, Object> producerProperties, String hostId, LineLimit limit, int budgetBytes,
			Duration transactionInterval, TakeSchedule takes, CollectorMetrics metrics) {
		this.takes = takes;
		this.writer = new TransactionWriter(producerProperties, hostId, limit.maxRecordBytes(), metrics);
		this.hostId = hostId;
		this.metrics = metrics;
		this.budgetBytes = budgetBytes;
		this.transactionIntervalNanos = transactionInterval.toNanos();
		this.budget = new Semaphore(budgetBytes);
		this.thread = new Thread(this::run, "envstream-publisher");
		this.thread.setDaemon(true);
		metrics.gauge("envstream.collector.buffer", "Bytes waiting for the next Kafka transaction", "bytes",
				() -> this.budgetBytes - this.budget.availablePermits());
	}

	/** {@code envstream-collector-<hostId>}: one writer per host, across restarts. */
	public static String transactionalId(String hostId) {
		return "envstream-collector-" + hostId;
	}

	/** Initialises the producer (fencing a predecessor with the same host id) and starts writing. */
	public void start() {
		this.writer.start();
		this.thread.start();
	}

	@Override
	public void ship(String envId, String containerId, long seq, LogLine line) throws InterruptedException {
		RawLine raw = new RawLine(line.stream(), line.timestampNanos(), seq, line.message(), line.truncated());
		int cost = (int) Math.min(this.budgetBytes, Outgoing.OVERHEAD + 2L * line.message().length());
		put(new Outgoing.Line(envId, containerId, raw, line, cost));
	}

	@Override
	public void replayDropped(String containerId) {
		this.metrics.replayDropped();
	}

	@Override
	public void containerGone(String containerId, boolean complete) throws InterruptedException {
		if (!complete) {
			this.metrics.incompleteLog();
		}
		put(new Outgoing.ForgetCheckpoint(containerId));
	}

	public void status(EnvironmentStatus status) throws InterruptedException {
		put(new Outgoing.Status(status));
	}

	public void metrics(ContainerMetrics metrics) throws InterruptedException {
		put(new Outgoing.Metrics(metrics));
	}

	public void descriptor(EnvironmentDescriptor descriptor) throws InterruptedException {
		put(new Outgoing.Descriptor(descriptor));
	}

	/** Docker timestamp of the container's last committed line, in nanoseconds (0: none). */
	public long committedNanos(String containerId) {
		return this.writer.committedNanos(containerId);
	}

	/** Why the publisher stopped for good (fenced, not authorised), or {@code null} while it works. */
	public String failure() {
		return this.failure;
	}

	private void put(Outgoing item) throws InterruptedException {
		if (this.halted || this.closing) {
			throw new InterruptedException("the publisher is stopping");
		}
		this.budget.acquire(item.cost());
		this.queue.add(item);
	}

	private void run() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));
		List<Outgoing> batch = new ArrayList<>();
		long lastStart = System.nanoTime() - this.transactionIntervalNanos;
		try {
			while (!this.halted && !(this.closing && this.queue.isEmpty())) {
				Outgoing first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				TimeUnit.NANOSECONDS.sleep(lastStart + this.transactionIntervalNanos - System.nanoTime());
				lastStart = System.nanoTime();
				this.takes.nextAt(lastStart + this.transactionIntervalNanos);
				this.queue.drainTo(batch, MAX_TRANSACTION_ITEMS - 1);
				commitWithRetries(batch, backoff);
				this.budget.release(batch.stream().mapToInt(Outgoing::cost).sum());
				batch.clear();
			}
		}
		catch (InterruptedException | InterruptException ex) {
			Thread.currentThread().interrupt();
		}
		catch (FatalPublishException ex) {
			this.failure = ex.getMessage();
			logger.error("The collector stops writing to Kafka: {}", ex.getMessage(), ex.getCause());
		}
		catch (RuntimeException ex) {
			// not foreseen, so not retried: the health check says so, rather than the followers reading on
			// into a buffer that nothing empties
			this.failure = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			logger.error("The collector stops writing to Kafka after an unexpected error", ex);
		}
	}

	private void commitWithRetries(List<Outgoing> batch, Backoff backoff) throws InterruptedException {
		while (!this.halted) {
			try {
				this.writer.commit(batch);
				backoff.reset();
				return;
			}
			catch (ProducerFencedException | InvalidProducerEpochException | AuthorizationException
					| UnsupportedVersionException ex) {
				throw new FatalPublishException(ex);
			}
			catch (InterruptException ex) {
				throw ex;
			}
			catch (KafkaException ex) {
				if (this.halted) {
					return;
				}
				this.metrics.producerError();
				Duration pause = backoff.next();
				logger.warn("Writing {} record(s) to Kafka failed ({}); aborting and retrying in {}; reading waits",
						batch.size(), ex.getMessage(), pause);
				this.writer.reset();
				Thread.sleep(pause.toMillis());
			}
		}
	}

	/** Writes what is buffered, then closes the producer. */
	public void close(Duration timeout) {
		this.closing = true;
		try {
			this.thread.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.thread.isAlive()) {
			logger.warn("{} record(s) were still buffered at shutdown; they are read again from the engine at the "
					+ "next start", this.queue.size());
			halt();
			return;
		}
		this.writer.close(timeout);
	}

	/**
	 * Stops at once, committing nothing more: what a crash does. The open transaction stays open
	 * until the next collector with this host id fences it.
	 */
	public void halt() {
		this.halted = true;
		this.thread.interrupt();
		this.writer.halt();
	}

	private static final class FatalPublishException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		FatalPublishException(KafkaException cause) {
			super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
		}

	}

}
