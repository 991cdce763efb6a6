package io.envstream.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One run of the {@code envstream} command line in this JVM, as a shell would start it with stdout and stderr
 * piped: what it printed on each, its exit status, a pipe to its stdin, and its terminal.
 */
public final class CliRun {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final PipedOutputStream keyboard = new PipedOutputStream();

	private final TestConsole console = new TestConsole(new Console.Size(100, 30));

	private final Map<String, String> env = new HashMap<>();

	private CompletableFuture<Integer> exit;

	/** With a gateway and a token in the environment variables, as a script would set them. */
	public static CliRun against(String url, String token) {
		CliRun run = new CliRun();
		run.env.put("ENVSTREAM_URL", url);
		run.env.put("ENVSTREAM_TOKEN", token);
		return run;
	}

	public CliRun env(String name, String value) {
		this.env.put(name, value);
		return this;
	}

	/** Starts the command on a thread of its own. */
	public CliRun start(String... args) {
		InputStream stdin;
		try {
			stdin = new PipedInputStream(this.keyboard, 1 << 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Io io = new Io(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), stdin, this.console, Map.copyOf(this.env));
		this.exit = CompletableFuture.supplyAsync(() -> Envstream.commandLine(io).execute(args));
		return this;
	}

	/** Runs the command to its end: its exit status. */
	public int run(String... args) {
		return start(args).exitCode();
	}

	public int exitCode() {
		return this.exit.join();
	}

	public boolean ended() {
		return this.exit.isDone();
	}

	public String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	public String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	public TestConsole console() {
		return this.console;
	}

	/** Types on the command's stdin. */
	public void type(String text) {
		try {
			this.keyboard.write(text.getBytes(StandardCharsets.UTF_8));
			this.keyboard.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Ends the command's stdin. */
	public void endInput() {
		try {
			this.keyboard.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
