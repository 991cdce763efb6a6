package io.envstream.e2e.bench.collector;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time so far of the processes and threads the collector's benchmarks compare, in nanoseconds. */
final class CpuClocks {

	private CpuClocks() {
	}

	/**
	 * The in-JVM collector's own threads: its followers, its publisher, its producer's I/O, its stats thread and the
	 * engine client's stream threads (events and stats readings).
	 */
	static long collectorThreads() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long sum = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info == null) {
				continue;
			}
			String name = info.getThreadName();
			if (name.startsWith("envstream-follow-") || name.equals("envstream-publisher")
					|| name.startsWith("kafka-producer-network-thread | producer-envstream-collector-")
					|| name.startsWith("envstream-stats") || name.startsWith("docker-java-stream-")) {
				sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return sum;
	}

	/** This whole JVM: the collector, the in-JVM broker and the benchmark's own reader. */
	static long wholeJvm() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** The engine process, from /proc (0 where it cannot be read). */
	static long dockerd() throws IOException {
		try (var pids = Files.list(Path.of("/proc"))) {
			for (Path dir : pids.filter((p) -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					if (Files.readString(dir.resolve("comm")).strip().equals("dockerd")) {
						String stat = Files.readString(dir.resolve("stat"));
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
						return ticks * 10_000_000L; // USER_HZ = 100
					}
				}
				catch (IOException | RuntimeException ex) {
					// a process that went away meanwhile
				}
			}
		}
		return 0;
	}

}
