package io.envstream.collector.logs;

import java.io.Closeable;
import java.io.IOException;

/** The records of one container's log, in the engine's order, as they are written. */
public interface LogReader extends Closeable {

	/**
	 * Blocks until the next record is there.
	 * @return the record, or {@code null} once the log ends (the container stopped)
	 * @throws IOException when the engine connection fails
	 */
	LogRecord next() throws IOException;

}
