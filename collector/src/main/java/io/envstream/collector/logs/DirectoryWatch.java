package io.envstream.collector.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the readers of quiet json-file logs when something in their container's directory changes, so that a log
 * that does not grow costs no looks at its file: one {@link WatchService} (inotify on Linux) and one thread for
 * every log of the collector. A reader registers its directory only while its log is quiet and cancels the
 * registration once the log grows again: the engine writes a busy log line by line, and a watch on it would wake
 * this thread at every line.
 * <p>
 * Where the file system tells nothing (a network mount; {@code WatchService} implementations that poll), a wait ends
 * at its timeout instead. A reader that finds growth after such a wait says so ({@link #missed()}): from then on
 * quiet logs are looked at on a timer again, as if there were no watch.
 */
final class DirectoryWatch implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(DirectoryWatch.class);

	private final Map<WatchKey, Set<Registration>> registered = new HashMap<>(); // guarded by this

	private WatchService service; // guarded by this; created at the first registration

	private volatile boolean delivers = true;

	private boolean closed; // guarded by this

	/**
	 * Whether waits on this watch end when a directory changes: true until a reader found a change that did not end
	 * its wait.
	 */
	boolean delivers() {
		return this.delivers;
	}

	/** How many readers watch their log's directory now. */
	synchronized int registrations() {
		return this.registered.values().stream().mapToInt(Set::size).sum();
	}

	/** A reader found its log grown after a wait that ended at its timeout: the watch did not tell it. */
	void missed() {
		if (this.delivers) {
			this.delivers = false;
			logger.warn("A json-file log grew without its directory's watch telling it (a file system that sends no "
					+ "notifications?): quiet logs are looked at every {} ms from now on",
					JsonFileLogReader.QUIET_POLL_MILLIS);
		}
	}

	/**
	 * Watches a directory until the registration is closed. A change made after this returns ends the registration's
	 * next wait (or the one under way).
	 */
	synchronized Registration register(Path directory) throws IOException {
		if (this.closed) {
			throw new IOException("the directory watch is closed");
		}
		if (this.service == null) {
			this.service = FileSystems.getDefault().newWatchService();
			Thread thread = new Thread(() -> signalChanges(this.service), "envstream-log-watch");
			thread.setDaemon(true);
			thread.start();
		}
		WatchKey key = directory.register(this.service, StandardWatchEventKinds.ENTRY_CREATE,
				StandardWatchEventKinds.ENTRY_MODIFY);
		Registration registration = new Registration(key);
		// two readers of one directory (a follow restarting) share its key: it is cancelled with the last of them
		this.registered.computeIfAbsent(key, (k) -> new HashSet<>()).add(registration);
		return registration;
	}

	private synchronized void unregister(Registration registration) {
		Set<Registration> sharing = this.registered.get(registration.key);
		if (sharing != null && sharing.remove(registration) && sharing.isEmpty()) {
			this.registered.remove(registration.key);
			registration.key.cancel();
		}
	}

	private void signalChanges(WatchService watched) {
		try {
			while (true) {
				WatchKey key = watched.take();
				key.pollEvents();
				Set<Registration> waiting;
				synchronized (this) {
					waiting = Set.copyOf(this.registered.getOrDefault(key, Set.of()));
				}
				waiting.forEach(Registration::signal);
				key.reset();
			}
		}
		catch (ClosedWatchServiceException | InterruptedException ex) {
			// closed with the source
		}
	}

	@Override
	public synchronized void close() throws IOException {
		this.closed = true;
		if (this.service != null) {
			this.service.close();
		}
	}

	/** One reader's watch on its directory. */
	final class Registration implements Closeable {

		private final WatchKey key;

		private boolean changed; // guarded by this

		private Registration(WatchKey key) {
			this.key = key;
		}

		/**
		 * Waits until the directory changes or {@code millis} pass, whichever comes first; a change since the last
		 * wait ends it at once.
		 * @return whether a change ended it
		 */
		synchronized boolean await(long millis) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
			long left = millis;
			while (!this.changed && left > 0) {
				TimeUnit.MILLISECONDS.timedWait(this, left);
				left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			}
			boolean changed = this.changed;
			this.changed = false;
			return changed;
		}

		/** Ends a wait under way, or the next one, as a change would: its reader looks again. */
		void wakeUp() {
			signal();
		}

		private synchronized void signal() {
			this.changed = true;
			notifyAll();
		}

		/** Stops watching; a wait under way ends at once. */
		@Override
		public void close() {
			unregister(this);
			signal();
		}

	}

}
