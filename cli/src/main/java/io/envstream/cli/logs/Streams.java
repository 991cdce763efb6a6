package io.envstream.cli.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.envstream.cli.Exit;

/**
 * The log streams of one command, each on a thread of its own. More can start while it runs (the new matches of a
 * selector), until every stream has ended or {@link #stop} was called: then none starts any more.
 */
final class Streams {

	private final Function<String, LogStream> open;

	private final List<LogStream> streams = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private boolean closed;

	Streams(Function<String, LogStream> open) {
		this.open = open;
	}

	/** @return whether the environment's stream started (not once the command is ending) */
	synchronized boolean start(String environment) {
		if (this.closed) {
			return false;
		}
		LogStream stream = this.open.apply(environment);
		Thread thread = new Thread(stream, "logs-" + environment);
		this.streams.add(stream);
		this.threads.add(thread);
		thread.start();
		notifyAll();
		return true;
	}

	/** Ends every stream (Ctrl-C). */
	synchronized void stop() {
		this.closed = true;
		this.streams.forEach(LogStream::stop);
		notifyAll();
	}

	/**
	 * Waits until every stream has ended, those started meanwhile too: the first failure's exit status, else 0. With
	 * none started yet (a followed selector that matches nothing so far), waits for the first or for {@link #stop}.
	 */
	int await() throws InterruptedException {
		synchronized (this) {
			while (this.threads.isEmpty() && !this.closed) {
				wait();
			}
		}
		int ended = 0;
		while (true) {
			Thread next;
			synchronized (this) {
				if (ended == this.threads.size()) {
					this.closed = true;
					return this.streams.stream()
						.mapToInt(LogStream::exitCode)
						.filter((code) -> code != Exit.OK)
						.findFirst()
						.orElse(Exit.OK);
				}
				next = this.threads.get(ended);
			}
			next.join();
			ended++;
		}
	}

}
