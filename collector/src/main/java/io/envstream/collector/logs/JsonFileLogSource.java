package io.envstream.collector.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Container logs read from the engine's {@code json-file} log files, {@code
 * <data root>/containers/<id>/<id>-json.log} and its rotated files, as Vector, Fluent Bit and
 * Promtail read them: the engine serves nothing per line. Same records, order and ends as
 * {@link DockerApiLogSource}; the engine is asked only whether the container still runs.
 */
public final class JsonFileLogSource implements LogSource, Closeable {

	private static final long SECOND = 1_000_000_000L;

	private final Path containers;

	private final Function<String, ContainerState> states;

	private final DirectoryWatch quietLogs = new DirectoryWatch();

	private final TakeSchedule takes;

	/**
	 * @param dataRoot the engine's data root ({@code DockerRootDir}) as this process sees it
	 * @param states tells whether a container still runs
	 * @param takes when the publisher next takes the lines read: a busy log is looked at shortly before
	 */
	public JsonFileLogSource(Path dataRoot, Function<String, ContainerState> states, TakeSchedule takes) {
		this.containers = dataRoot.resolve("containers");
		this.states = states;
		this.takes = takes;
	}

	/** Whether this process may read the engine's container directories at all. */
	public boolean readable() {
		return Files.isDirectory(this.containers) && Files.isReadable(this.containers)
				&& Files.isExecutable(this.containers);
	}

	/** Whether this container's log files are here to read (not those of another engine). */
	public boolean canRead(String containerId) {
		Path directory = this.containers.resolve(containerId);
		return Files.isDirectory(directory) && Files.isReadable(directory) && Files.isExecutable(directory);
	}

	/** Where the containers' log files are read. */
	public Path containersDirectory() {
		return this.containers;
	}

	@Override
	public LogReader open(String containerId, boolean tty, ReadPosition read, FilePosition near,
			boolean follow) throws IOException {
		JsonFileLog log = new JsonFileLog(this.containers, containerId);
		if (!log.exists()) {
			throw new ContainerGoneException(containerId);
		}
		if (!follow && near != null && log.endsAt(near)) {
			// A stopped container is read again every few seconds, from the second of the last record read, to see
			// whether it started meanwhile. When its log has not grown since that record, such a read would return
			// only records already shipped: a container that wrote a burst before it stopped had that burst parsed
			// again, and the part before it searched, at every look (the search alone was a fifth of the collector's
			// CPU samples while it drained 20 stopped containers).
			return LogReader.NOTHING_NEW;
		}
		return new JsonFileLogReader(log, tty, Math.max(0, read.epochSecond()) * SECOND, near, follow,
				() -> {
			ContainerState state = this.states.apply(containerId);
			return state == ContainerState.RUNNING || state == ContainerState.UNKNOWN;
		}, this.quietLogs, this.takes);
	}

	/** Stops watching the quiet logs' directories; their readers then look on a timer. */
	@Override
	public void close() throws IOException {
		this.quietLogs.close();
	}

}
