package io.envstream.collector.logs;

import java.io.IOException;

/**
 * Where the records of a container's log come from. The engine's API is one source; a source
 * that tails the json-file logs under the engine's data root (as Vector and Fluent Bit do) can
 * replace it when the collector runs on the host, with the same resume rules: records are
 * returned in the engine's order, from the first one whose second is at or after {@code
 * sinceEpochSeconds}, so the follower can skip what it already shipped.
 */
public interface LogSource {

	/**
	 * Opens a container's log.
	 * @param containerId full container id
	 * @param tty whether the container has a TTY (one raw stream, no frames)
	 * @param sinceEpochSeconds first second to return; 0 for the whole log
	 * @param follow whether to wait for new records while the container runs, or end at the last one
	 * @return the reader, to close when done
	 * @throws IOException when the engine cannot be reached
	 * @throws ContainerGoneException when the container no longer exists
	 */
	LogReader open(String containerId, boolean tty, long sinceEpochSeconds, boolean follow) throws IOException;

}
