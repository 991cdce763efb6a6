package io.envstream.gateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.envstream.gateway.SilentWebSocket;

/**
 * Many idle logs connections held by a child JVM, so that they can all be closed at once: the
 * client ends sit in a process of their own, since one process's {@code ulimit -n} (20,000 hard
 * here) cannot hold both ends of 10k connections beside the rest. {@link #open} starts the child;
 * it connects every client, a few at a time, and says so, then closes them all when told.
 */
final class IdleCrowd implements AutoCloseable {

	private static final String OPENED = "opened";

	private static final String CLOSED = "closed";

	private static final int CONNECTING = 8;

	private final Process process;

	private final BufferedReader replies;

	private final PrintWriter commands;

	private IdleCrowd(Process process) {
		this.process = process;
		this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
	}

	/** Starts a child JVM on this one's classpath and returns once it holds {@code count} connections to {@code url}. */
	static IdleCrowd open(String url, int count) throws IOException {
		String java = ProcessHandle.current().info().command().orElseThrow();
		Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				IdleCrowd.class.getName(), url, Integer.toString(count))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		IdleCrowd crowd = new IdleCrowd(process);
		crowd.expect(OPENED);
		return crowd;
	}

	/** Closes every connection of the crowd at once (each client closes its socket); returns when all are closed. */
	void closeAll() throws IOException {
		this.commands.println(CLOSED);
		expect(CLOSED);
	}

	private void expect(String reply) throws IOException {
		String line = this.replies.readLine();
		if (!reply.equals(line)) {
			throw new IOException("the crowd's process answered " + line + " where it should say " + reply
					+ " (its errors are in this run's output)");
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	/** The child: {@code url count}; says {@value #OPENED} once connected, closes all on {@value #CLOSED}. */
	public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
		String url = args[0];
		int count = Integer.parseInt(args[1]);
		// a few handshakes at a time: each waits on the gateway's admission queries, one after another would take minutes
		ExecutorService connecting = Executors.newFixedThreadPool(CONNECTING);
		List<Future<SilentWebSocket>> opening = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			opening.add(connecting.submit(() -> new SilentWebSocket(url)));
		}
		List<SilentWebSocket> clients = new ArrayList<>(count);
		for (Future<SilentWebSocket> client : opening) {
			clients.add(client.get());
		}
		connecting.shutdown();
		System.out.println(OPENED);
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		if (CLOSED.equals(commands.readLine())) {
			for (SilentWebSocket client : clients) {
				client.close();
			}
			System.out.println(CLOSED);
		}
	}

}
