package io.envstream.collector.logs;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.envstream.collector.Backoff;
import io.envstream.schemas.avro.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one container's log for as long as the container exists: through its stops, starts
 * and restarts (the engine ends the log stream when the container stops), engine disconnections
 * (with back-off) and log rotation (the source follows rotated files). Every read starts
 * at the second of the last record read and drops what was read before, so a line is handed to
 * the {@link LineSink} once, with a per-container sequence number.
 */
public final class ContainerFollower implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(ContainerFollower.class);

	/**
	 * How long a stopped container's follower waits before it asks the engine again, when nothing woke it. A start, a
	 * restart or a removal wakes it at once ({@link #wake()}), and so does every listing after the engine's events came
	 * back; this is the net for an event the engine dropped. Each look is a {@code docker inspect} and a read of the
	 * log: every 5 s they cost 0.011-0.014 collector cores and 0.009-0.014 engine cores per 100 stopped containers.
	 */
	private static final Duration STOPPED_RECHECK = Duration.ofSeconds(60);

	private final String containerId;

	private final String envId;

	private final boolean tty;

	private final LogSource source;

	private final LineSink sink;

	private final Function<String, ContainerState> states;

	private final LineAssembler stdout;

	private final LineAssembler stderr;

	private final Semaphore wake = new Semaphore(0);

	private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

	private volatile ReadPosition readPosition;

	private FilePosition readFilePosition;

	private volatile long seq;

	private volatile boolean stopped;

	private volatile LogReader current;

	private boolean readToEnd;

	/**
	 * @param containerId the container
	 * @param envId its environment
	 * @param tty whether it has a TTY
	 * @param shipped the position of the last record already shipped ({@link ReadPosition#START}: none)
	 * @param shippedFile where that record ends in its json-file log file, or {@code null}
	 * @param seq the sequence number of the last line already shipped (0: none)
	 * @param maxLineBytes longest line kept whole
	 * @param source where the log comes from
	 * @param sink where lines go
	 * @param states tells whether the container still runs
	 */
	public ContainerFollower(String containerId, String envId, boolean tty, ReadPosition shipped,
			FilePosition shippedFile, long seq, int maxLineBytes, LogSource source, LineSink sink,
			Function<String, ContainerState> states) {
		this.containerId = containerId;
		this.envId = envId;
		this.tty = tty;
		this.readPosition = shipped;
		this.readFilePosition = shippedFile;
		this.seq = seq;
		this.source = source;
		this.sink = sink;
		this.states = states;
		this.stdout = new LineAssembler(Stream.STDOUT, maxLineBytes);
		this.stderr = new LineAssembler(Stream.STDERR, maxLineBytes);
	}

	@Override
	public void run() {
		try {
			follow();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		logger.debug("Stopped following {}", this.containerId);
	}

	private void follow() throws InterruptedException {
		while (!this.stopped) {
			ContainerState state = this.states.apply(this.containerId);
			if (state == ContainerState.GONE) {
				finish();
				return;
			}
			if (state == ContainerState.UNKNOWN) {
				pause(this.backoff.next());
				continue;
			}
			// only a running container is followed: the engine may hold a follow on a container
			// that is not running open forever without delivering what it writes once started
			boolean follow = state == ContainerState.RUNNING;
			try (LogReader reader = this.source.open(this.containerId, this.tty, this.readPosition,
					this.readFilePosition, follow)) {
				this.current = reader;
				if (this.stopped) {
					return;
				}
				logger.debug("Reading the log of {} from second {} (follow: {})", this.containerId,
						this.readPosition.epochSecond(), follow);
				this.readToEnd = false;
				readAll(reader);
				this.readToEnd = true;
				this.backoff.reset();
			}
			catch (ContainerGoneException ex) {
				finish();
				return;
			}
			catch (IOException | RuntimeException ex) {
				if (this.stopped) {
					return;
				}
				Duration pause = this.backoff.next();
				logger.warn("Reading the log of {} failed ({}); reading on from the last line in {}",
						this.containerId, ex.getMessage(), pause);
				pause(pause);
				continue;
			}
			finally {
				this.current = null;
			}
			if (!follow && !this.stopped) {
				// the log is complete until the container starts again
				flush();
				pause(STOPPED_RECHECK);
			}
		}
	}

	private void readAll(LogReader reader) throws IOException, InterruptedException {
		ResumeFilter filter = new ResumeFilter(this.readPosition);
		ReplayGuard replays = new ReplayGuard();
		ReadPosition position = ReadPosition.START;
		LogRecord record;
		while ((record = reader.next()) != null) {
			if (replays.isReplay(record)) {
				this.sink.replayDropped(this.containerId);
				continue;
			}
			position = position.next(record.timestampNanos());
			if (filter.alreadyShipped(position)) {
				continue;
			}
			this.readPosition = position;
			this.readFilePosition = record.file();
			LineAssembler assembler = (record.stream() == Stream.STDERR) ? this.stderr : this.stdout;
			LogLine line = assembler.accept(record, position);
			if (line != null) {
				ship(line);
			}
		}
	}

	private void flush() throws InterruptedException {
		LogLine out = this.stdout.flush();
		LogLine err = this.stderr.flush();
		if (out != null && err != null && err.position().compareTo(out.position()) < 0) {
			ship(err);
			ship(out);
			return;
		}
		if (out != null) {
			ship(out);
		}
		if (err != null) {
			ship(err);
		}
	}

	private void finish() throws InterruptedException {
		flush();
		if (!this.readToEnd) {
			// removed while a read of its log was failing: what it wrote since may be lost
			logger.warn("{} was removed before its log was read to the end; lines after seq {} may be missing",
					this.containerId, this.seq);
		}
		this.sink.containerGone(this.containerId, this.readToEnd);
	}

	private void ship(LogLine line) throws InterruptedException {
		long next = this.seq + 1;
		if (line.truncated()) {
			logger.warn("Line {} of {} has {} bytes: shipped cut, with a marker (max-line-bytes)", next,
					this.containerId, line.bytes());
		}
		this.sink.ship(this.envId, this.containerId, next, line);
		this.seq = next;
	}

	private void pause(Duration duration) throws InterruptedException {
		if (this.wake.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS)) {
			this.wake.drainPermits();
		}
	}

	/**
	 * The container started (again), stopped or was removed, or may have meanwhile: look now rather than at the next
	 * check, whether stopped or following.
	 */
	public void wake() {
		this.wake.release();
		LogReader reader = this.current;
		if (reader != null) {
			reader.containerChanged();
		}
	}

	/** Stops following; lines not shipped yet are read again by the next follower. */
	public void stop() {
		this.stopped = true;
		this.wake.release();
		LogReader reader = this.current;
		if (reader != null) {
			try {
				reader.close();
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Closing the log of {}: {}", this.containerId, ex.getMessage());
			}
		}
	}

	public String containerId() {
		return this.containerId;
	}

	public String envId() {
		return this.envId;
	}

	/** Timestamp of the last record read, in nanoseconds. */
	public long lastReadNanos() {
		return this.readPosition.timestampNanos();
	}

	/** Sequence number of the last line handed over. */
	public long seq() {
		return this.seq;
	}

}
