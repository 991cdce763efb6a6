package io.envstream.collector.logs;

import java.io.IOException;

/**
 * Where the records of a container's log come from: the engine's API ({@link DockerApiLogSource})
 * or the json-file log files under the engine's data root ({@link JsonFileLogSource}, as Vector and
 * Fluent Bit read them), with the same resume rules: records are returned in the engine's order,
 * from the first one whose second is at or after {@code sinceEpochSeconds}, so the follower can
 * skip what it already shipped, whichever source read it. {@link LogSources} chooses per container.
 */
public interface LogSource {

	/**
	 * Opens a container's log.
	 * @param containerId full container id
	 * @param tty whether the container has a TTY (one raw stream, no frames)
	 * @param sinceEpochSeconds first second to return; 0 for the whole log
	 * @param near where the record read last ended in its json-file log file, or {@code null}: a
	 * source may start reading near it rather than at the log's beginning; the records it returns
	 * are the same either way, except that a source may return none when {@code follow} is false and nothing was
	 * written after {@code near}: every record it would return then was read already
	 * @param follow whether to wait for new records while the container runs, or end at the last one
	 * @return the reader, to close when done
	 * @throws IOException when the engine cannot be reached
	 * @throws ContainerGoneException when the container no longer exists
	 */
	LogReader open(String containerId, boolean tty, long sinceEpochSeconds, FilePosition near, boolean follow)
			throws IOException;

}
