package io.envstream.collector.logs;

import java.io.Closeable;
import java.io.IOException;

/** The records of one container's log, in the engine's order, as they are written. */
public interface LogReader extends Closeable {

	/** A log with nothing (more) to read. */
	LogReader NOTHING_NEW = new LogReader() {

		@Override
		public LogRecord next() {
			return null;
		}

		@Override
		public void close() {
		}

	};

	/**
	 * Blocks until the next record is there.
	 * @return the record, or {@code null} once the log ends (the container stopped)
	 * @throws IOException when the engine connection fails
	 */
	LogRecord next() throws IOException;

	/**
	 * The engine said the container stopped, started or went: a reader that asks the engine itself whether the
	 * container still runs, while its log does not grow, asks now. Called from another thread than {@link #next()}'s.
	 */
	default void containerChanged() {
	}

}
