package io.envstream.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command reads and writes: lines on {@code out}, messages on {@code err}, keystrokes from {@code in}, the
 * terminal, and the environment variables (a map, so tests give their own).
 */
public record Io(PrintStream out, PrintStream err, InputStream in, Console console, Map<String, String> env) {

	/** The process's own streams, terminal and environment. */
	public static Io system() {
		// buffered: a merged logs stream prints many lines per message and flushes once per message
		PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
				false, StandardCharsets.UTF_8);
		return new Io(out, new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
				System.in, new SystemConsole(), System.getenv());
	}

	/** The value of an environment variable, or {@code null} when unset or blank. */
	public String variable(String name) {
		String value = this.env.get(name);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** The user's home: {@code HOME}, else the JVM's {@code user.home}. */
	public Path home() {
		String home = variable("HOME");
		return Path.of((home != null) ? home : System.getProperty("user.home"));
	}

}
