package io.envstream.collector.logs;

import java.io.Closeable;
import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, per container, where its log is read: from its {@code json-file} log files when the
 * collector can see them, else through the engine's API (a remote engine, another log driver, the
 * data root not mounted or not readable). {@code api} and {@code files} force one source, so that
 * a benchmark can compare them; under {@code files} a container of another log driver still goes
 * through the API, since it has no such files.
 */
public final class LogSources implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(LogSources.class);

	static final String JSON_FILE = "json-file";

	/** The {@code log-source} setting. */
	public enum Mode {

		/** The files where they can be read, else the API. */
		AUTO,
		/** The engine's API for every container. */
		API,
		/** The files for every json-file container; start-up fails if the data root cannot be read. */
		FILES

	}

	private final LogSource api;

	private final JsonFileLogSource files;

	private final String whyNoFiles;

	private LogSources(LogSource api, JsonFileLogSource files, String whyNoFiles) {
		this.api = api;
		this.files = files;
		this.whyNoFiles = whyNoFiles;
	}

	/** The files for the containers whose files can be read, the API for the others. */
	public static LogSources filesWherePossible(JsonFileLogSource files, LogSource api) {
		return new LogSources(api, files, null);
	}

	/** The API for every container, {@code why} said in the log for each. */
	public static LogSources apiOnly(LogSource api, String why) {
		return new LogSources(api, null, why);
	}

	/**
	 * The source for a container, said once at INFO.
	 * @param logDriver the container's {@code HostConfig.LogConfig.Type}
	 */
	public LogSource forContainer(String containerId, String logDriver) {
		if (this.files != null && JSON_FILE.equals(logDriver) && this.files.canRead(containerId)) {
			logger.info("Reading the log of {} from its json-file files under {}", containerId,
					this.files.containersDirectory());
			return this.files;
		}
		String why = (this.files == null) ? this.whyNoFiles
				: !JSON_FILE.equals(logDriver) ? "its log driver is " + logDriver
						: "its log directory is not readable under " + this.files.containersDirectory();
		logger.info("Reading the log of {} through the engine's API ({})", containerId, why);
		return this.api;
	}

	/** Releases what the file source holds (its directory watch). */
	@Override
	public void close() throws IOException {
		if (this.files != null) {
			this.files.close();
		}
	}

}
