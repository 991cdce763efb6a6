package io.envstream.testsupport.process;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What the tests do with the JVMs and tools they start as child processes. */
public final class ChildProcesses {

	private ChildProcesses() {
	}

	/**
	 * Asks the process to stop (SIGTERM: its shutdown hooks run), and kills it if it has not within {@code grace}:
	 * a test's clean-up must end even when the process hangs.
	 */
	public static void stop(Process process, Duration grace) {
		process.destroy();
		try {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

}
