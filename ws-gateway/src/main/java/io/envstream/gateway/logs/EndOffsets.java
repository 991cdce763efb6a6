package io.envstream.gateway.logs;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The end offsets of envstream.logs partitions, asked for by many connections at once: while one request
 * is out, every partition asked for meanwhile waits for the next, which carries them all. A crowd of
 * {@code tail=0} connections (10k at once after a load balancer's restart) makes a few requests, not one
 * each that queue behind each other past the admin client's timeout. Every caller gets an end read after
 * it asked, never an older one, as if it had asked alone.
 */
final class EndOffsets {

	private final Function<Set<Integer>, CompletableFuture<Map<Integer, Long>>> request;

	/** The partitions asked for since the request out was sent, with their callers' results. */
	private Map<Integer, CompletableFuture<Long>> asked = new HashMap<>();

	private boolean requestOut;

	/** @param request reads the end offsets of the given partitions */
	EndOffsets(Function<Set<Integer>, CompletableFuture<Map<Integer, Long>>> request) {
		this.request = request;
	}

	/** The partition's end offset, read by a request sent after this call. */
	CompletableFuture<Long> of(int partition) {
		CompletableFuture<Long> result;
		synchronized (this) {
			result = this.asked.computeIfAbsent(partition, (p) -> new CompletableFuture<>());
			if (this.requestOut) {
				return result;
			}
			this.requestOut = true;
		}
		sendAsked();
		return result;
	}

	private void sendAsked() {
		Map<Integer, CompletableFuture<Long>> sending;
		synchronized (this) {
			if (this.asked.isEmpty()) {
				this.requestOut = false;
				return;
			}
			sending = this.asked;
			this.asked = new HashMap<>();
		}
		CompletableFuture<Map<Integer, Long>> ends;
		try {
			ends = this.request.apply(sending.keySet());
		}
		catch (RuntimeException ex) {
			ends = CompletableFuture.failedFuture(ex);
		}
		ends.whenComplete((offsets, error) -> {
			sending.forEach((partition, result) -> {
				Long end = (error != null) ? null : offsets.get(partition);
				if (end != null) {
					result.complete(end);
				}
				else {
					result.completeExceptionally((error != null) ? error
							: new IllegalStateException("no end offset read for partition " + partition));
				}
			});
			sendAsked();
		});
	}

}
