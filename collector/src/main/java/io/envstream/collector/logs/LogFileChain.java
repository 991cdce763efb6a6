package io.envstream.collector.logs;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a container's {@code json-file} log in the order the engine wrote them, and the one
 * read now. A renamed file is read through its handle to its end before the next one, which is
 * found by identity, not by name; a file cut to nothing ({@code max-file=1}) is read again from its
 * start.
 */
final class LogFileChain implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(LogFileChain.class);

	private final JsonFileLog log;

	private final Deque<LogFileSegment> queued;

	private volatile LogFileSegment current;

	private LogFileChain(JsonFileLog log, List<LogFileSegment> segments) {
		this.log = log;
		this.queued = new ArrayDeque<>(segments);
		this.current = this.queued.poll();
	}

	/**
	 * Opens every file of the log, oldest first.
	 * @param sinceNanos the first timestamp the read asks for
	 * @param near where a record of that second ended when read last, or {@code null}: the chain
	 * then starts in that file, shortly before it, when the file is still there
	 */
	static LogFileChain open(JsonFileLog log, long sinceNanos, FilePosition near) throws IOException {
		List<LogFileSegment> segments = new ArrayList<>(log.openAll());
		if (near != null) {
			startNear(segments, sinceNanos, near);
		}
		return new LogFileChain(log, segments);
	}

	/** Leaves out the files before the one {@code near} names, and its part before the records asked for. */
	private static void startNear(List<LogFileSegment> segments, long sinceNanos, FilePosition near)
			throws IOException {
		for (int i = 0; i < segments.size(); i++) {
			LogFileSegment segment = segments.get(i);
			if (near.fileKey().equals(segment.keyText())) {
				long start = JsonFileSeek.startBefore(segment, near.offset(), sinceNanos);
				if (start < 0) {
					return;
				}
				for (int older = 0; older < i; older++) {
					segments.remove(0).close();
				}
				segment.seek(start);
				return;
			}
		}
	}

	/** The file read now, or {@code null} before the engine created the first one. */
	LogFileSegment current() {
		return this.current;
	}

	/** What {@link #advance()} found after the current file was read to its end. */
	enum Advance {

		/** Nothing was written since: the current file is the one the engine writes. */
		NOTHING_NEW,

		/**
		 * The engine wrote more to the current file after its end was read, then renamed it: its tail is read before
		 * the next file.
		 */
		MORE_IN_THIS_FILE,

		/** The next file is read now, or the current one again from its start after the engine cut it. */
		NEXT_FILE

	}

	/**
	 * Moves on from the current file, read to its end, when there is a next one, or to the start of
	 * the current one when the engine cut it.
	 */
	Advance advance() throws IOException {
		LogFileSegment next = this.queued.poll();
		if (next != null) {
			switchTo(next);
			return Advance.NEXT_FILE;
		}
		Object writtenKey = JsonFileLog.keyOf(this.log.current());
		if (writtenKey == null) {
			return Advance.NOTHING_NEW; // not written yet, or removed with the container
		}
		if (this.current == null) {
			next = this.log.openCurrent();
			if (next == null) {
				return Advance.NOTHING_NEW;
			}
			switchTo(next);
			return Advance.NEXT_FILE;
		}
		if (this.current.sameFileAs(writtenKey)) {
			if (!this.current.truncated()) {
				return Advance.NOTHING_NEW;
			}
			logger.debug("{} was cut to nothing (max-file=1): reading it from its start", this.current.path());
			this.current.seek(0);
			return Advance.NEXT_FILE;
		}
		// the engine renamed the file since its end was read: what it wrote to it in between comes first (the read and
		// this question are moments apart, but a reader's thread waiting for a core on a busy host lets through many lines)
		if (this.current.hasUnread()) {
			return Advance.MORE_IN_THIS_FILE;
		}
		return rotated() ? Advance.NEXT_FILE : Advance.NOTHING_NEW;
	}

	private boolean rotated() throws IOException {
		LogFileSegment next = (this.current.key() != null) ? this.log.openSuccessor(this.current.key()) : null;
		if (next != null) {
			switchTo(next);
			return true;
		}
		// the file read last was compressed or deleted since: read every file again; the
		// follower drops the records it read already (ReplayGuard), and none is missed
		logger.debug("{} rotated out of reach; reading every file of the log again", this.current.path());
		this.queued.addAll(this.log.openAll());
		next = this.queued.poll();
		if (next == null) {
			return false;
		}
		switchTo(next);
		return true;
	}

	private void switchTo(LogFileSegment next) throws IOException {
		if (this.current != null) {
			this.current.close();
		}
		this.current = next;
	}

	@Override
	public void close() throws IOException {
		LogFileSegment reading = this.current;
		if (reading != null) {
			reading.close();
		}
		for (LogFileSegment segment : this.queued) {
			segment.close();
		}
	}

}
