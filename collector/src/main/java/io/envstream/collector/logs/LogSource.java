package io.envstream.collector.logs;

import java.io.IOException;

/**
 * Where the records of a container's log come from: the engine's API ({@link DockerApiLogSource})
 * or the json-file log files under the engine's data root ({@link JsonFileLogSource}, as Vector and
 * Fluent Bit read them), with the same resume rules: records are returned in the engine's order,
 * from the first one stamped in the second of the last record read, so the follower can
 * skip what it already shipped, whichever source read it. {@link LogSources} chooses per container.
 */
public interface LogSource {

	/**
	 * Opens a container's log.
	 * @param containerId full container id
	 * @param tty whether the container has a TTY (one raw stream, no frames)
	 * @param read how far the follower read: records come from the first one stamped in its second
	 * ({@link ReadPosition#START}: the whole log)
	 * @param near where the record read last ended in its json-file log file, or {@code null}: a
	 * source may start reading near it rather than at the log's beginning
	 * @param follow whether to wait for new records while the container runs, or end at the last one
	 * @return the reader, to close when done. The records it returns are the same whichever way the source
	 * reads, except that with {@code follow} false a source may return none when nothing was written after the
	 * record read last ({@code read}, {@code near}): every record it would return then was read already
	 * @throws IOException when the engine cannot be reached
	 * @throws ContainerGoneException when the container no longer exists
	 */
	LogReader open(String containerId, boolean tty, ReadPosition read, FilePosition near, boolean follow)
			throws IOException;

}
