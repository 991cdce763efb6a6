package io.envstream.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lean benchmark client: counts lines and records, per frame, the latency from the container
 * timestamp of its first line to receipt, in a millisecond histogram (no per-line objects).
 */
final class CountingClient implements WebSocket.Listener {

	private static final String TIMESTAMP = "\"timestamp\":\"";

	final AtomicLong lines = new AtomicLong();

	final AtomicLongArray latencyMillis = new AtomicLongArray(60_001);

	volatile long firstLineNanos;

	private final StringBuilder partial = new StringBuilder();

	private WebSocket socket;

	static CountingClient connect(HttpClient http, String url) {
		CountingClient client = new CountingClient();
		client.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), client).join();
		return client;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
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
			if (count > 0) {
				if (this.lines.get() == 0) {
					this.firstLineNanos = System.nanoTime();
				}
				this.lines.addAndGet(count);
				int at = text.indexOf(TIMESTAMP);
				long sent = Instant.parse(text.substring(at + TIMESTAMP.length(), text.indexOf('"', at + TIMESTAMP.length())))
					.toEpochMilli();
				this.latencyMillis.incrementAndGet((int) Math.max(0, Math.min(60_000, now - sent)));
			}
		}
		return null;
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
		this.socket.abort();
	}

}
