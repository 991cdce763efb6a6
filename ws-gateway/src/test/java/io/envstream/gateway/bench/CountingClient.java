package io.envstream.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lean benchmark client: counts lines and records, per frame, the latency from the container
 * timestamp of its first line to receipt, in a millisecond histogram (no per-line objects). It can
 * keep the line frames it received ({@link #recordFrames}), to replay them elsewhere, and notes when
 * {@code live} arrived, and how its connection ended ({@link #ending}), so a run that fails can say
 * which client stopped and why.
 */
final class CountingClient implements WebSocket.Listener {

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

	private final StringBuilder partial = new StringBuilder();

	private CompletableFuture<WebSocket> opening;

	private volatile WebSocket socket;

	static CountingClient connect(HttpClient http, String url) {
		CountingClient client = connectAsync(http, url);
		client.socket = client.opening.join();
		return client;
	}

	/** Starts connecting; the client counts from its first frame on ({@link #onOpen}). */
	static CountingClient connectAsync(HttpClient http, String url) {
		CountingClient client = new CountingClient();
		client.opening = http.newWebSocketBuilder().buildAsync(URI.create(url), client);
		return client;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.socket = webSocket;
		webSocket.request(Long.MAX_VALUE);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			long now = System.currentTimeMillis();
			String text = this.partial.toString();
			this.partial.setLength(0);
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
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.ending = "closed by the server with " + statusCode + " \"" + reason + "\"";
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
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
		this.opening.thenAccept(WebSocket::abort);
	}

}
