package io.envstream.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The process's terminal, driven with {@code stty} on the inherited stdin (what the JDK cannot do itself), and the
 * signals SIGWINCH and SIGINT.
 */
final class SystemConsole implements Console {

	@Override
	public boolean stdoutIsTerminal() {
		// Java 17: a console exists only when both stdin and stdout are terminals; a pipe on either means no colours
		return System.console() != null;
	}

	@Override
	public boolean stdinIsTerminal() {
		return stty("-g").isPresent();
	}

	@Override
	public Optional<Size> size() {
		return stty("size").map(String::strip).flatMap((text) -> {
			String[] rowsCols = text.split("\\s+");
			try {
				return (rowsCols.length == 2)
						? Optional.of(new Size(Integer.parseInt(rowsCols[1]), Integer.parseInt(rowsCols[0])))
						: Optional.empty();
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		}).filter((size) -> size.cols() > 0 && size.rows() > 0);
	}

	@Override
	public AutoCloseable rawMode() {
		String saved = stty("-g").map(String::strip)
			.orElseThrow(() -> new CliException(Exit.FAILURE, "stdin is not a terminal: cannot switch to raw mode"));
		if (stty("raw", "-echo").isEmpty()) {
			throw new CliException(Exit.FAILURE, "stty raw -echo failed: the terminal stays as it was");
		}
		Thread restore = new Thread(() -> stty(saved));
		// a JVM ended by a signal still gives the terminal back its line editing and echo
		Runtime.getRuntime().addShutdownHook(restore);
		return () -> {
			stty(saved);
			try {
				Runtime.getRuntime().removeShutdownHook(restore);
			}
			catch (IllegalStateException ex) {
				// already shutting down: the hook restores it as well
			}
		};
	}

	@Override
	public void onResize(Runnable action) {
		Signals.handle("WINCH", action);
	}

	@Override
	public void onInterrupt(Runnable action) {
		Signals.handle("INT", action);
	}

	/** Runs {@code stty} on this process's stdin; its output when it succeeded. */
	private static Optional<String> stty(String... arguments) {
		String[] command = new String[arguments.length + 1];
		command[0] = "stty";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		try {
			Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			String output = read(process.getInputStream());
			return (process.waitFor() == 0) ? Optional.of(output) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private static String read(InputStream stream) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		stream.transferTo(bytes);
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
