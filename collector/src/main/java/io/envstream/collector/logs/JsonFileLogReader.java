package io.envstream.collector.logs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a container's {@code json-file} log from its files, oldest first, and follows the file
 * the engine writes through its rotations: a renamed file is read to its end before the next one
 * (found by identity, not by name); a file cut to nothing ({@code max-file=1}) is read again from
 * its start. A line is parsed only once its newline is there, so a record the engine is still
 * writing waits for the rest. Following ends once the container no longer runs and every file is
 * read to its end, as the engine's API ends its stream when the container stops.
 */
final class JsonFileLogReader implements LogReader {

	private static final Logger logger = LoggerFactory.getLogger(JsonFileLogReader.class);

	/**
	 * How long to wait before looking again at a busy log's file read to its end when the next take of the lines
	 * towards Kafka is not known ({@link TakeSchedule}): 10 ms adds at most that to a line's latency. A busy log is not
	 * watched ({@link DirectoryWatch}): the engine writes it line by line, and each write would wake the watch.
	 */
	static final long POLL_MILLIS = 10;

	/**
	 * The wait between looks once the files have not grown for {@link #QUIET_AFTER_MILLIS}, where the directory's
	 * watch does not work ({@link DirectoryWatch#delivers()}). A look is a read, a stat and an fstat, and the thread's
	 * wake-up: 100 a second cost about 1.5 ms of CPU a second per idle container (the collector's 0.03 cores with 20
	 * idle ones in the e2e suite), most of a core for a host of 500; 20 a second, still 0.017 cores. With the watch a
	 * quiet log is not looked at until its directory changes or the container's state is asked.
	 */
	static final long QUIET_POLL_MILLIS = 50;

	/**
	 * How long a reader that found its log grown after a wait that ended at its timeout waits for the watch to tell
	 * it: a watch that works saw the write before the look and tells within moments.
	 */
	static final long WATCH_NOTICE_MILLIS = 200;

	/** How long without growth before the looks space out to {@link #QUIET_POLL_MILLIS}. */
	static final long QUIET_AFTER_MILLIS = 1_000;

	/**
	 * How long a follow waits without growth before it first asks the engine whether the container still runs; the
	 * wait doubles after each answer while the files stay as they are, up to {@link #MAX_STATE_CHECK_MILLIS}. Each
	 * question is a {@code docker inspect}: asked every second for every idle container, they were 27% of the
	 * collector's CPU samples with 20 containers (and a host's idle containers would each cost one a second).
	 */
	static final long STATE_CHECK_MILLIS = 1_000;

	/**
	 * The longest wait between two questions. The engine's {@code die} and {@code destroy} events make the reader ask
	 * at once ({@link #containerChanged()}), so this is how late the end of a long idle container's log is seen when
	 * the engine dropped the event: every 8 s, the questions were three quarters of what 100 quiet containers cost the
	 * collector (0.0085 cores with their stats readings every 5 s, 0.0022 after).
	 */
	static final long MAX_STATE_CHECK_MILLIS = 60_000;

	/** A 16 KiB piece escaped as JSON ({@code \u0000} is six bytes for one) stays far below this. */
	static final int MAX_RECORD = 1024 * 1024;

	private final JsonFileLog log;

	private final boolean tty;

	private final long sinceNanos;

	private final BooleanSupplier running;

	private final LogFileChain files;

	private final DirectoryWatch watch;

	private final TakeSchedule takes;

	/** The watch on the log's directory while the log is quiet, else {@code null}. */
	private volatile DirectoryWatch.Registration quiet;

	/** Whether the last wait on {@link #quiet} ended at its timeout rather than at a change. */
	private boolean waitTimedOut;

	/** Whether the watch refused this log's directory (inotify's limit of watches reached): it is looked at then. */
	private boolean watchRefused;

	private boolean follow;

	private byte[] buffer = new byte[64 * 1024];

	private int start;

	private int end;

	private int scanned;

	/** Time waited since the last question about the container, or since the files last grew. */
	private long idleMillis;

	/** Time waited since the files last grew. */
	private long quietMillis;

	private long stateCheckMillis = STATE_CHECK_MILLIS;

	/** Whether the engine said the container changed since the last question about it. */
	private volatile boolean askNow;

	private volatile boolean closed;

	/**
	 * @param log the container's files
	 * @param tty whether the container has a TTY
	 * @param sinceNanos records stamped before are skipped
	 * @param near where the record at {@code sinceNanos} ended when read last, or {@code null}: reading
	 * starts shortly before it rather than at the oldest file, when that file is still there
	 * @param follow whether to wait for new records while the container runs
	 * @param running whether the container still runs (asked while the files do not grow)
	 * @param watch wakes the reader of a quiet log when its directory changes
	 * @param takes when the lines are next taken towards Kafka: a busy log is looked at shortly before
	 */
	JsonFileLogReader(JsonFileLog log, boolean tty, long sinceNanos, FilePosition near, boolean follow,
			BooleanSupplier running, DirectoryWatch watch, TakeSchedule takes) throws IOException {
		this.log = log;
		this.watch = watch;
		this.takes = takes;
		this.tty = tty;
		this.sinceNanos = sinceNanos;
		this.follow = follow;
		this.running = running;
		this.files = LogFileChain.open(log, sinceNanos, near);
	}

	@Override
	public LogRecord next() throws IOException {
		while (true) {
			if (this.closed) {
				throw new ClosedChannelException();
			}
			int newline = findNewline();
			if (newline >= 0) {
				LogRecord record = parse(newline);
				if (record != null && record.timestampNanos() >= this.sinceNanos) {
					return record;
				}
				continue;
			}
			if (fill() || advance()) {
				grew();
				continue;
			}
			if (!this.follow) {
				// a record still being written (the container started meanwhile) is read by the next read
				return null;
			}
			awaitGrowth();
		}
	}

	private LogRecord parse(int newline) {
		int from = this.start;
		this.start = newline + 1;
		this.scanned = this.start;
		LogFileSegment current = this.files.current();
		String key = current.keyText();
		FilePosition file = (key != null) ? new FilePosition(key, current.position() - (this.end - this.start)) : null;
		try {
			return JsonFileRecords.parse(this.buffer, from, newline, this.tty, file);
		}
		catch (IOException ex) {
			// reading it again would fail again and hold every later line back
			logger.warn("Skipped a line of {} that is not a json-file record ({})", current.path(), ex.getMessage());
			return null;
		}
	}

	private int findNewline() {
		for (int i = this.scanned; i < this.end; i++) {
			if (this.buffer[i] == '\n') {
				return i;
			}
		}
		this.scanned = this.end;
		return -1;
	}

	/** Reads more of the current file; whether anything came. */
	private boolean fill() throws IOException {
		LogFileSegment current = this.files.current();
		if (current == null) {
			return false;
		}
		if (this.end == this.buffer.length) {
			makeRoom(current);
		}
		int read = current.read(this.buffer, this.end, this.buffer.length - this.end);
		if (read <= 0) {
			return false;
		}
		this.end += read;
		return true;
	}

	private void makeRoom(LogFileSegment current) throws IOException {
		if (this.start > 0) {
			System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
			this.end -= this.start;
			this.scanned -= this.start;
			this.start = 0;
			return;
		}
		if (this.buffer.length >= MAX_RECORD) {
			throw new IOException("a line of " + current.path() + " is longer than " + MAX_RECORD
					+ " bytes: not a json-file log");
		}
		this.buffer = Arrays.copyOf(this.buffer, Math.min(MAX_RECORD, 2 * this.buffer.length));
	}

	/**
	 * Moves on to the next file, or to the start of a file the engine cut, or reads on in a renamed file the engine wrote
	 * to after its end was read; whether there is more to read.
	 */
	private boolean advance() throws IOException {
		LogFileSegment before = this.files.current();
		return switch (this.files.advance()) {
			case NOTHING_NEW -> false;
			case MORE_IN_THIS_FILE -> true;
			case NEXT_FILE -> {
				dropUnfinished(before);
				yield true;
			}
		};
	}

	private void dropUnfinished(LogFileSegment file) {
		if (this.end > this.start) {
			// the engine writes whole records: only a crash of the engine leaves a part of one
			logger.warn("Dropped {} bytes of an unfinished json-file record at the end of {}", this.end - this.start,
					file.path());
		}
		this.start = 0;
		this.end = 0;
		this.scanned = 0;
	}

	private void grew() throws IOException {
		if (this.quiet != null) {
			if (this.waitTimedOut) {
				confirmTheWatchTold();
			}
			this.quiet.close();
			this.quiet = null;
		}
		this.idleMillis = 0;
		this.quietMillis = 0;
		this.stateCheckMillis = STATE_CHECK_MILLIS;
	}

	/**
	 * The log grew after a wait that ended at its timeout: it was written before this look, so a watch that works has
	 * seen it and tells within moments; one that stays silent does not work on this file system.
	 */
	private void confirmTheWatchTold() throws IOException {
		try {
			if (!this.quiet.await(WATCH_NOTICE_MILLIS)) {
				this.watch.missed();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while following " + this.log.current());
		}
	}

	private void awaitGrowth() throws IOException {
		long waited;
		try {
			waited = (this.quietMillis >= QUIET_AFTER_MILLIS && this.watch.delivers() && !this.watchRefused)
					? awaitChange() : look(pollMillis(this.quietMillis, this.takes));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while following " + this.log.current());
		}
		this.idleMillis += waited;
		this.quietMillis += waited;
		if (this.askNow || this.idleMillis >= this.stateCheckMillis) {
			this.askNow = false;
			this.idleMillis = 0;
			this.stateCheckMillis = Math.min(2 * this.stateCheckMillis, MAX_STATE_CHECK_MILLIS);
			// read on to the end of what it wrote, then end
			this.follow = this.running.getAsBoolean();
		}
	}

	/** Waits {@code millis} before the next look at a file the engine appends to; how long it waited. */
	private long look(long millis) throws InterruptedException {
		this.waitTimedOut = false;
		// a timed wait, not one for a condition: nothing signals that a busy file grew (its directory is not watched,
		// as each line would wake the watch), nor any file where the watch does not work; see POLL_MILLIS
		Thread.sleep(millis);
		return millis;
	}

	/**
	 * Waits for a change in the log's directory, at most until the container's state is next asked; how long it
	 * waited. The first time it registers the watch and returns at once: the look after it sees what was written
	 * before the watch began, the watch whatever comes after.
	 */
	private long awaitChange() throws IOException, InterruptedException {
		if (this.quiet == null) {
			try {
				this.quiet = this.watch.register(this.log.directory());
			}
			catch (NoSuchFileException ex) {
				// removed with its container: the next question about the container ends the follow
				this.watchRefused = true;
			}
			catch (IOException ex) {
				this.watchRefused = true;
				logger.warn("Cannot watch {} while its log is quiet ({}): looking at it every {} ms instead",
						this.log.directory(), ex.getMessage(), QUIET_POLL_MILLIS);
			}
			return 0;
		}
		long started = System.nanoTime();
		this.waitTimedOut = !this.quiet.await(Math.max(1, this.stateCheckMillis - this.idleMillis));
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
	}

	/**
	 * How long to wait before the next look, on a timer, at files that have not grown for {@code quietMillis}: a busy
	 * log shortly before the lines are next taken ({@link TakeSchedule}), a quiet one (where the watch does not work)
	 * every {@link #QUIET_POLL_MILLIS}.
	 */
	static long pollMillis(long quietMillis, TakeSchedule takes) {
		return (quietMillis < QUIET_AFTER_MILLIS) ? takes.millisBeforeLook(POLL_MILLIS) : QUIET_POLL_MILLIS;
	}

	@Override
	public void containerChanged() {
		this.askNow = true;
		DirectoryWatch.Registration waiting = this.quiet;
		if (waiting != null) {
			waiting.wakeUp();
		}
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		DirectoryWatch.Registration waiting = this.quiet;
		if (waiting != null) {
			waiting.close();
		}
		this.files.close();
	}

}
