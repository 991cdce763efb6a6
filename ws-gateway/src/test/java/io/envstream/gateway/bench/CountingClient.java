package io.envstream.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.envstream.testsupport.ws.WireWebSockets;

/**
 * A lean benchmark client: counts lines and records, per frame, the latency from the container
 * timestamp of its first line to receipt, in a millisecond histogram (no per-line objects). It can
 * keep the line frames it received ({@link #recordFrames}), to replay them elsewhere, and notes when
 * {@code live} arrived, and how its connection ended ({@link #ending}), so a run that fails can say
 * which client stopped and why. Its connection is a {@link WireWebSockets} one: a frame's text is read as
 * Latin-1, which is all the counting needs (the marks it looks for are ASCII).
 */
final class CountingClient implements WireWebSockets.Listener {

	private static final String TIMESTAMP = "\"timestamp\":\"";

	final AtomicLong lines = new AtomicLong();

	final AtomicLongArray latencyMillis = new AtomicLongArray(60_001);

	volatile long firstLineNanos;

	/** When {@code live} arrived (System.nanoTime), or 0. */
	volatile long liveNanos;

	/** Subtracted from every latency: the shift of a replay's clock against the lines' timestamps. */
	volatile long clockShiftMillis;

	/** The line frames received, when {@link #recordFrames} was called. */
	final List<String> frames = new CopyOnWriteArrayList<>();

	private volatile boolean recording;

	/** How the connection ended, or {@code null} while it is open. */
	private volatile String ending;

	private WireWebSockets.Connection connection;

	/** Connections for a benchmark's clients: a reader thread per core. */
	static WireWebSockets sockets() {
		try {
			return new WireWebSockets(Runtime.getRuntime().availableProcessors());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Connects and waits for the upgrade. */
	static CountingClient connect(WireWebSockets sockets, String url) {
		CountingClient client = connectAsync(sockets, url);
		client.connection.upgraded().join();
		return client;
	}

	/** Starts connecting; the client counts from its first frame on. */
	static CountingClient connectAsync(WireWebSockets sockets, String url) {
		CountingClient client = new CountingClient();
		try {
			client.connection = sockets.connect(URI.create(url), client);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot connect to " + url, ex);
		}
		client.connection.upgraded().whenComplete((upgraded, error) -> {
			if (error != null) {
				client.onError((error instanceof Exception ex) ? ex : new IllegalStateException(error));
			}
		});
		return client;
	}

	@Override
	public void onText(String text) {
		long now = System.currentTimeMillis();
		int count = 0;
		for (int i = text.indexOf("\"meta\":"); i >= 0; i = text.indexOf("\"meta\":", i + 1)) {
			count++;
		}
		if (count == 0 && this.liveNanos == 0 && text.contains("\"type\":\"live\"")) {
			this.liveNanos = System.nanoTime();
		}
		if (count > 0) {
			if (this.recording) {
				this.frames.add(text);
			}
			if (this.lines.get() == 0) {
				this.firstLineNanos = System.nanoTime();
			}
			this.lines.addAndGet(count);
			long sent = firstTimestampMillis(text);
			this.latencyMillis.incrementAndGet((int) Math.max(0, Math.min(60_000, now - sent - this.clockShiftMillis)));
		}
	}

	@Override
	public void onClose(int statusCode, String reason) {
		this.ending = "closed by the server with " + statusCode + " \"" + reason + "\"";
	}

	@Override
	public void onError(Exception error) {
		this.ending = "failed: " + error + ((error.getCause() != null) ? " (" + error.getCause() + ")" : "");
	}

	/** How the connection ended (a close code and reason from the server, or the client's error), or {@code null}. */
	String ending() {
		return this.ending;
	}

	void recordFrames() {
		this.recording = true;
	}

	/** Forgets the latencies recorded so far. */
	void resetLatency() {
		for (int i = 0; i < this.latencyMillis.length(); i++) {
			this.latencyMillis.set(i, 0);
		}
	}

	/** The container timestamp of the frame's first line, in ms since the epoch. */
	static long firstTimestampMillis(String frame) {
		int at = frame.indexOf(TIMESTAMP);
		return Instant.parse(frame.substring(at + TIMESTAMP.length(), frame.indexOf('"', at + TIMESTAMP.length())))
			.toEpochMilli();
	}

	static double percentile(Iterable<CountingClient> clients, double p) {
		long[] histogram = new long[60_001];
		long total = 0;
		for (CountingClient client : clients) {
			for (int i = 0; i < histogram.length; i++) {
				long n = client.latencyMillis.get(i);
				histogram[i] += n;
				total += n;
			}
		}
		long rank = (long) Math.ceil(p * total);
		long seen = 0;
		for (int i = 0; i < histogram.length; i++) {
			seen += histogram[i];
			if (seen >= rank && rank > 0) {
				return i;
			}
		}
		return Double.NaN;
	}

	void close() {
		this.connection.abort();
	}

}
