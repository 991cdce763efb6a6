package io.envstream.processor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.envstream.testsupport.process.ChildProcesses;

/**
 * The stream-processor in a JVM of its own, so a test can kill it as an operator's {@code kill -9} would: no
 * shutdown hook, no clean close, an open Kafka transaction and database transaction left behind. Its output goes
 * to {@code target/<name>.log}. It compiles as the test JVM does ({@link ChildProcesses#java()}).
 */
final class ProcessorProcess {

	/**
	 * Kafka's group and transaction steps, quiet in the other tests, are what says why a process stopped moving
	 * lines: its log keeps them.
	 */
	private static final List<String> DIAGNOSTIC_LOGGING = List.of(
			"--logging.level.org.apache.kafka.streams.processor.internals.StreamThread=INFO",
			"--logging.level.org.apache.kafka.clients.consumer.internals.ConsumerCoordinator=INFO",
			"--logging.level.org.apache.kafka.clients.producer.internals.TransactionManager=INFO",
			"--logging.level.org.springframework.kafka.listener=INFO");

	private final String name;

	private final Process process;

	private final Path log;

	private ProcessorProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ProcessorProcess start(String name, List<String> arguments) {
		List<String> command = new ArrayList<>(ChildProcesses.java());
		command.add("-Xmx384m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(StreamProcessorApplication.class.getName());
		command.addAll(arguments);
		command.addAll(DIAGNOSTIC_LOGGING);
		try {
			Path log = Files.createDirectories(Path.of("target")).resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.directory(new File("."))
				.start();
			return new ProcessorProcess(name, process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the processor " + name, ex);
		}
	}

	/** SIGKILL, and wait until it is gone. */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Whether it runs, and the last lines of its log: what a failed test reports about it. */
	String describe(int lastLines) {
		List<String> lines;
		try {
			lines = Files.readAllLines(this.log);
		}
		catch (IOException ex) {
			lines = List.of("(log unreadable: " + ex.getMessage() + ")");
		}
		List<String> tail = lines.subList(Math.max(0, lines.size() - lastLines), lines.size());
		return this.name + (isAlive() ? " (running)" : " (exited " + this.process.exitValue() + ")") + ", log "
				+ this.log.toAbsolutePath() + ":\n  " + String.join("\n  ", tail);
	}

}
