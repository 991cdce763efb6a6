package io.envstream.e2e.webui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU priority of whole processes, set thread by thread: Linux keeps a nice value per thread, and {@code renice -p}
 * of a process id changes only its main thread.
 */
final class Niceness {

	private Niceness() {
	}

	/**
	 * Sets every thread of {@code processes} to {@code niceness}; returns each thread's value before, for
	 * {@link #restore}.
	 */
	static Map<String, Integer> lower(int niceness, Stream<ProcessHandle> processes)
			throws IOException, InterruptedException {
		Map<String, Integer> before = new LinkedHashMap<>();
		processes.flatMap(Niceness::threadIds)
			.forEach((thread) -> niceOf(thread).ifPresent((nice) -> before.put(thread, nice)));
		renice(niceness, List.copyOf(before.keySet()));
		return before;
	}

	/** Gives the threads {@link #lower} changed their value back (raising a priority needs root). */
	static void restore(Map<String, Integer> before) throws IOException, InterruptedException {
		Map<Integer, List<String>> byNiceness = new LinkedHashMap<>();
		before.forEach((thread, nice) -> byNiceness.computeIfAbsent(nice, (n) -> new ArrayList<>()).add(thread));
		for (Map.Entry<Integer, List<String>> threads : byNiceness.entrySet()) {
			renice(threads.getKey(), threads.getValue());
		}
	}

	private static void renice(int niceness, List<String> threads) throws IOException, InterruptedException {
		if (threads.isEmpty()) {
			return;
		}
		List<String> command = new ArrayList<>(List.of("renice", "-n", String.valueOf(niceness), "-p"));
		command.addAll(threads);
		Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		// a thread that ended between the listing and renice is not an error worth failing on; any other is
		if (!renice.waitFor(30, TimeUnit.SECONDS) || (renice.exitValue() != 0 && !out.contains("No such process"))) {
			throw new IllegalStateException("renice -n " + niceness + " failed: " + out);
		}
	}

	private static Stream<String> threadIds(ProcessHandle process) {
		try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
			return tasks.map((task) -> task.getFileName().toString()).toList().stream();
		}
		catch (IOException ex) {
			// the process ended meanwhile: nothing of it to change
			return Stream.empty();
		}
	}

	/** The thread's nice value: field 19 of its stat, counted after the command's closing parenthesis. */
	private static Optional<Integer> niceOf(String threadId) {
		try {
			String stat = Files.readString(Path.of("/proc", threadId, "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Optional.of(Integer.parseInt(fields[16]));
		}
		catch (IOException ex) {
			// the thread ended meanwhile
			return Optional.empty();
		}
	}

}
