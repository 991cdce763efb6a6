package io.envstream.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the {@code envstream} command line in this JVM, as a shell would start it with stdout and stderr
 * piped: what it printed on each, its exit status, a pipe to its stdin, and its terminal.
 */
public final class CliRun {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final Keyboard keyboard = new Keyboard();

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
		Io io = new Io(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), this.keyboard, this.console, Map.copyOf(this.env));
		this.exit = CompletableFuture.supplyAsync(() -> Envstream.commandLine(io).execute(args));
		return this;
	}

	/** Runs the command to its end: its exit status. */
	public int run(String... args) {
		return start(args).exitCode();
	}

	/** The exit status, waiting up to 3 minutes for it (a command that hangs fails the test, showing its output). */
	public int exitCode() {
		try {
			return this.exit.get(3, TimeUnit.MINUTES);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("the command did not end; stdout:\n" + out() + "\nstderr:\n" + err());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("the command threw", ex.getCause());
		}
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
		this.keyboard.add(text.getBytes(StandardCharsets.UTF_8));
	}

	/** Ends the command's stdin. */
	public void endInput() {
		this.keyboard.add(new byte[0]);
	}

	/** A stdin fed by the test: reads block until bytes are typed; an empty chunk is its end. */
	private static final class Keyboard extends InputStream {

		private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

		private byte[] current = new byte[0];

		private int position;

		private boolean ended;

		void add(byte[] chunk) {
			this.chunks.add(chunk);
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			while (this.position == this.current.length) {
				if (this.ended) {
					return -1;
				}
				try {
					this.current = this.chunks.take();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException();
				}
				this.position = 0;
				this.ended = this.current.length == 0;
			}
			int count = Math.min(length, this.current.length - this.position);
			System.arraycopy(this.current, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

	}

}
