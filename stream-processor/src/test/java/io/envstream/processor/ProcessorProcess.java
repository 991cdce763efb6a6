package io.envstream.processor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream-processor in a JVM of its own, so a test can kill it as an operator's {@code kill -9} would: no
 * shutdown hook, no clean close, an open Kafka transaction and database transaction left behind. Its output goes
 * to {@code target/<name>.log}.
 */
final class ProcessorProcess {

	private final Process process;

	private ProcessorProcess(Process process) {
		this.process = process;
	}

	static ProcessorProcess start(String name, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx384m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(StreamProcessorApplication.class.getName());
		command.addAll(arguments);
		try {
			Path log = Files.createDirectories(Path.of("target")).resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.directory(new File("."))
				.start();
			return new ProcessorProcess(process);
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

}
