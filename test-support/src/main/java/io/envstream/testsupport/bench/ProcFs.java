package io.envstream.testsupport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** CPU time and memory of processes, read from /proc (Linux; USER_HZ is 100 there). */
public final class ProcFs {

	private static final long NANOS_PER_TICK = 10_000_000L;

	/** A thread's {@code comm} is cut to 15 characters: {@code C2 CompilerThre}. */
	private static final Pattern COMPILER_THREAD = Pattern.compile("C[12] CompilerThre.*");

	private ProcFs() {
	}

	/** User + system CPU time of the process (every thread) so far; 0 once it is gone. */
	public static long cpuNanos(long pid) {
		String[] fields = stat(pid);
		return (fields.length < 13) ? 0 : (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
	}

	/**
	 * User + system CPU time so far of the JVM's JIT compiler threads (HotSpot names them {@code C1 CompilerThreadN}
	 * and {@code C2 CompilerThreadN}); 0 once the process is gone. Only threads alive now count: a JVM measured so
	 * runs with {@code -XX:-UseDynamicNumberOfCompilerThreads}, so that none ends and takes its time with it.
	 */
	public static long compilerCpuNanos(long pid) {
		Path tasks = Path.of("/proc", String.valueOf(pid), "task");
		try (Stream<Path> threads = Files.list(tasks)) {
			return threads.mapToLong((thread) -> {
				String stat = readFile(thread.resolve("stat"));
				int open = stat.indexOf('(');
				int close = stat.lastIndexOf(')');
				if (open < 0 || close < open || !COMPILER_THREAD.matcher(stat.substring(open + 1, close)).matches()) {
					return 0;
				}
				String[] fields = stat.substring(close + 2).split(" ");
				return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
			}).sum();
		}
		catch (IOException | UncheckedIOException ex) {
			return 0; // gone meanwhile
		}
	}

	/** CPU time of several processes together. */
	public static long cpuNanos(List<Long> pids) {
		return pids.stream().mapToLong(ProcFs::cpuNanos).sum();
	}

	/**
	 * User + system CPU time so far of the process's children that have ended and been waited for ({@code cutime} +
	 * {@code cstime}); 0 once it is gone. A server whose workers come and go, such as PostgreSQL's postmaster, keeps
	 * there what its ended workers spent: summed over its live processes only, a worker that ended between two
	 * readings took its time with it, and an idle window read -0.1 cores.
	 */
	public static long endedChildrenCpuNanos(long pid) {
		String[] fields = stat(pid);
		return (fields.length < 15) ? 0 : (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * NANOS_PER_TICK;
	}

	public static long rssBytes(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
			return 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** Processes whose command name ({@code comm}) is {@code name}. */
	public static List<Long> byName(String name) {
		return all().stream().filter((pid) -> name.equals(read(pid, "comm").strip())).toList();
	}

	/** The process whose command line contains every one of {@code words} and its children (one level). */
	public static List<Long> treeOf(List<String> words) {
		List<Long> tree = new ArrayList<>();
		for (long pid : all()) {
			List<String> args = List.of(read(pid, "cmdline").split("\0"));
			if (args.containsAll(words)) {
				tree.add(pid);
			}
		}
		for (long pid : all()) {
			String[] fields = stat(pid);
			if (fields.length > 2 && tree.contains(Long.parseLong(fields[1])) && !tree.contains(pid)) {
				tree.add(pid);
			}
		}
		return tree;
	}

	/** Fields after {@code (comm)}: state is [0], ppid [1], utime [11], stime [12], cutime [13], cstime [14]. */
	private static String[] stat(long pid) {
		String stat = read(pid, "stat");
		int end = stat.lastIndexOf(')');
		return (end < 0) ? new String[0] : stat.substring(end + 2).split(" ");
	}

	private static String read(long pid, String file) {
		return readFile(Path.of("/proc", String.valueOf(pid), file));
	}

	private static String readFile(Path file) {
		try {
			return Files.readString(file, StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			return ""; // gone meanwhile
		}
	}

	private static List<Long> all() {
		try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
			return dirs.map((dir) -> dir.getFileName().toString())
				.filter((name) -> name.chars().allMatch(Character::isDigit))
				.map(Long::valueOf)
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list /proc (the end-to-end benchmarks need Linux)", ex);
		}
	}

}
