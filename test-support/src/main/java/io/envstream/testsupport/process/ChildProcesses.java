package io.envstream.testsupport.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the tests do with the JVMs and tools they start as child processes. */
public final class ChildProcesses {

	private ChildProcesses() {
	}

	/**
	 * The start of a command that runs this JVM's {@code java} with this JVM's JIT limit, if it has one: the test
	 * command's tests compile with C1 only (the root pom's argLine; short runs on 2 cores spent much of their CPU in
	 * C2), and so do the JVMs they start; a benchmark's JVM has no limit, and neither have its children.
	 */
	public static List<String> java() {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
			.filter((argument) -> argument.startsWith("-XX:TieredStopAtLevel="))
			.forEach(command::add);
		return command;
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
