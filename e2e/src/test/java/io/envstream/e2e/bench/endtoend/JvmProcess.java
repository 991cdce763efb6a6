package io.envstream.e2e.bench.endtoend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.envstream.testsupport.bench.ProcFs;
import io.envstream.testsupport.process.ChildProcesses;

/**
 * A JVM the harness started (an app's exec jar, the broker, the client fleet): its log goes to a
 * file, its CPU and memory are read from /proc, and {@code jcmd} reaches into it for heap and JFR.
 * Its stdin stays open: the broker and the fleet stop when it closes.
 */
final class JvmProcess implements AutoCloseable {

	private static final String END = "\0end";

	private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

	private final String name;

	private final Process process;

	private final Path log;

	/** Lines of a piped stdout, read by a daemon thread so a chatty process never blocks on a full pipe. */
	private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();

	private JvmProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	private void drainStdout() {
		Thread drain = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					this.stdout.add(line);
				}
			}
			catch (IOException ex) {
				// the process is gone; awaitLine says so
			}
			this.stdout.add(END);
		}, "bench-stdout-" + this.name);
		drain.setDaemon(true);
		drain.start();
	}

	/** Starts {@code java <jvmArgs> <launch...>}; stdout and stderr go to {@code <logs>/<name>.log}. */
	static JvmProcess start(String name, Path logs, List<String> jvmArgs, List<String> launch, Map<String, String> env) {
		return start(name, logs, jvmArgs, launch, env, false);
	}

	/** As {@link #start}, but stdout is kept for {@link #awaitLine} (stderr still goes to the log). */
	static JvmProcess startPiped(String name, Path logs, List<String> jvmArgs, List<String> launch,
			Map<String, String> env) {
		return start(name, logs, jvmArgs, launch, env, true);
	}

	private static JvmProcess start(String name, Path logs, List<String> jvmArgs, List<String> launch,
			Map<String, String> env, boolean piped) {
		List<String> command = new ArrayList<>(ChildProcesses.java());
		command.addAll(jvmArgs);
		command.addAll(launch);
		try {
			Files.createDirectories(logs);
			Path log = logs.resolve(name + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
			builder.environment().putAll(env);
			if (!piped) {
				builder.redirectErrorStream(true).redirectOutput(log.toFile());
			}
			JvmProcess started = new JvmProcess(name, builder.start(), log);
			if (piped) {
				started.drainStdout();
			}
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + name + ": " + command, ex);
		}
	}

	long pid() {
		return this.process.pid();
	}

	String name() {
		return this.name;
	}

	long cpuNanos() {
		return ProcFs.cpuNanos(pid());
	}

	/** CPU time so far of its JIT compiler threads ({@link ProcFs#compilerCpuNanos}). */
	long compilerCpuNanos() {
		return ProcFs.compilerCpuNanos(pid());
	}

	long rssBytes() {
		return ProcFs.rssBytes(pid());
	}

	/** Reads stdout until a line starting with {@code prefix}; returns it. Fails if the process ends first. */
	String awaitLine(String prefix) throws InterruptedException {
		for (String line = this.stdout.take(); !line.equals(END); line = this.stdout.take()) {
			if (line.startsWith(prefix)) {
				return line;
			}
		}
		this.stdout.add(END);
		throw new IllegalStateException(this.name + " ended before printing " + prefix + "; see " + this.log);
	}

	/** Closes the process's stdin: the broker and the fleet take it as the signal to stop. */
	void closeStdin() {
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

	boolean awaitExit(long seconds) throws InterruptedException {
		return this.process.waitFor(seconds, TimeUnit.SECONDS);
	}

	void requireAlive() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "; see " + this.log);
		}
	}

	/**
	 * Stops the process where it stands (SIGSTOP) until {@link #resume}: it reads, sends and answers
	 * nothing meanwhile, and what it follows waits for it (the engine holds a log stream's lines).
	 */
	void suspend() {
		signal("STOP");
	}

	/** Lets a {@link #suspend suspended} process run on (SIGCONT). */
	void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " failed on " + this.name);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Heap in use right after a full collection (jcmd GC.run, then GC.heap_info). */
	long heapUsedAfterGc() {
		jcmd("GC.run");
		String info = jcmd("GC.heap_info");
		Matcher used = HEAP_USED.matcher(info);
		if (!used.find()) {
			throw new IllegalStateException("no heap figure in jcmd GC.heap_info of " + this.name + ": " + info);
		}
		return Long.parseLong(used.group(1)) * 1024;
	}

	String jcmd(String... args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				String.valueOf(pid())));
		command.addAll(List.of(args));
		try {
			Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
				throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed on " + this.name + ": " + out);
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		ChildProcesses.stop(this.process, Duration.ofSeconds(30));
	}

}
