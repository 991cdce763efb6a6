package io.envstream.testsupport.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a benchmark ran on, so figures from different machines are never compared unknowingly.
 *
 * @param dockerEngine the engine's version, or {@code "none"} when no engine answers
 */
public record Machine(int cores, long memoryBytes, String os, String jdk, String dockerEngine) {

	public static Machine current() {
		return new Machine(Runtime.getRuntime().availableProcessors(), totalMemoryBytes(),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
				Commands.output("none", "docker", "version", "--format", "{{.Server.Version}}"));
	}

	/** The load average over the last minute, as {@code /proc/loadavg} has it; -1 where it cannot be read. */
	public static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static long totalMemoryBytes() {
		try {
			return Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter((line) -> line.startsWith("MemTotal:"))
				.map((line) -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
				.findFirst()
				.orElse(-1L);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** Runs small local commands whose output describes the environment. */
	static final class Commands {

		private Commands() {
		}

		static String output(String fallback, String... command) {
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
				String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
				boolean done = process.waitFor(10, TimeUnit.SECONDS);
				return (done && process.exitValue() == 0 && !out.isEmpty()) ? out : fallback;
			}
			catch (IOException ex) {
				return fallback;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return fallback;
			}
		}

	}

}
