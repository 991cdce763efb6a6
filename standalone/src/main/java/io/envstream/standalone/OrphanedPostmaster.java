package io.envstream.standalone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of a standalone that died without stopping it ({@code kill -9}, a JVM crash):
 * {@code pg_ctl} started the postmaster as a daemon, so it outlives the JVM and keeps the port. It is found
 * through the data directory's {@code postmaster.pid} and believed only when that process is a live
 * {@code postgres} working in this very data directory, and no live standalone holds the directory.
 */
final class OrphanedPostmaster {

	private static final Logger logger = LoggerFactory.getLogger(OrphanedPostmaster.class);

	/** What PostgreSQL writes in its data directory while it runs: PID, data directory, start time, port, ... */
	static final String PID_FILE = "postmaster.pid";

	/** The file zonky's EmbeddedPostgres locks in the data directory for as long as its JVM runs it. */
	static final String OWNER_LOCK_FILE = "epg-lock";

	private final ProcessHandle process;

	private final Path dataDir;

	private OrphanedPostmaster(ProcessHandle process, Path dataDir) {
		this.process = process;
		this.dataDir = dataDir;
	}

	/** @return the postmaster of {@code dataDir} left behind by a standalone that is gone; empty if there is none */
	static Optional<OrphanedPostmaster> find(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve(PID_FILE);
		List<String> lines;
		try {
			lines = Files.readAllLines(pidFile);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		if (lines.size() < 2 || !lines.get(0).strip().matches("\\d+")) {
			return Optional.empty();
		}
		Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
		if (process.isEmpty() || !isPostgres(process.get()) || !worksIn(process.get(), dataDir)
				|| !sameFile(Path.of(lines.get(1).strip()), dataDir)) {
			// gone, or the PID now belongs to another process: PostgreSQL itself handles a stale file
			return Optional.empty();
		}
		requireNoLiveOwner(dataDir, process.get());
		return Optional.of(new OrphanedPostmaster(process.get(), dataDir));
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Stops it the way {@code pg_ctl stop -m fast} does, with SIGINT: open sessions are rolled back (their
	 * client died with the JVM) and a shutdown checkpoint is written, so the next start needs no recovery.
	 */
	void stop(Duration wait) throws IOException, InterruptedException {
		logger.warn("PostgreSQL (pid {}) of {} outlived the standalone that started it (killed?): stopping it, "
				+ "then starting it again", pid(), this.dataDir);
		Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid())).redirectErrorStream(true).start();
		String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		if (kill.waitFor() != 0 && this.process.isAlive()) {
			throw new IllegalStateException("could not signal the PostgreSQL left running on " + this.dataDir
					+ " (pid " + pid() + "): " + output);
		}
		try {
			this.process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("the PostgreSQL left running on " + this.dataDir + " (pid " + pid()
					+ ") did not stop within " + wait.toSeconds() + " s of a fast shutdown; stop it and start again");
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("waiting for PostgreSQL (pid " + pid() + ") to stop failed", ex);
		}
		logger.info("Stopped the PostgreSQL left running on {}", this.dataDir);
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.info()
			.command()
			.map((command) -> Path.of(command).getFileName().toString().equals("postgres"))
			.orElse(false);
	}

	/**
	 * The postmaster changes into its data directory; where {@code /proc} does not say so, its
	 * {@code -D} argument (as {@code pg_ctl} gives it) has to.
	 */
	private static boolean worksIn(ProcessHandle process, Path dataDir) throws IOException {
		Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
		if (Files.exists(cwd)) {
			return sameFile(cwd, dataDir);
		}
		List<String> arguments = List.of(process.info().arguments().orElse(new String[0]));
		int option = arguments.indexOf("-D");
		return option >= 0 && option + 1 < arguments.size() && sameFile(Path.of(arguments.get(option + 1)), dataDir);
	}

	private static boolean sameFile(Path one, Path other) throws IOException {
		return Files.exists(one) && Files.isSameFile(one, other);
	}

	/** Two standalones on one data directory: the second must not stop the first one's PostgreSQL. */
	private static void requireNoLiveOwner(Path dataDir, ProcessHandle postmaster) throws IOException {
		try (FileChannel channel = FileChannel.open(dataDir.resolve(OWNER_LOCK_FILE), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
			if (lock == null) {
				throw stillOwned(dataDir, postmaster);
			}
		}
		catch (OverlappingFileLockException ex) {
			throw stillOwned(dataDir, postmaster);
		}
	}

	private static IllegalStateException stillOwned(Path dataDir, ProcessHandle postmaster) {
		return new IllegalStateException("the PostgreSQL on " + dataDir + " (pid " + postmaster.pid()
				+ ") belongs to a standalone that still runs; stop that one, or give this one another "
				+ "envstream.standalone.data-dir");
	}

}
