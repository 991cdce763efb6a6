package io.envstream.gateway.limits;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * One Bucket4j token bucket per key (a client address, a user), in this process's memory: for the
 * limits checked before any database query, so a request over the rate costs none. A full bucket is
 * the same as a new one, so {@link #sweep} drops those and memory follows the keys seen lately.
 */
public final class RateBuckets {

	/**
	 * The outcome of {@link #take}.
	 * @param allowed whether the key was within its rate
	 * @param retryAfterSeconds when refused, whole seconds until a token is back (at least 1)
	 */
	public record Verdict(boolean allowed, long retryAfterSeconds) {
	}

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Bandwidth bandwidth;

	private final TimeMeter clock;

	/**
	 * @param burst tokens a key may spend at once (the bucket's capacity)
	 * @param perSecond tokens a key regains per second, fractions allowed
	 * @param clock Bucket4j's time source (tests move it by hand)
	 */
	RateBuckets(int burst, double perSecond, TimeMeter clock) {
		if (burst < 1 || !(perSecond > 0)) {
			throw new IllegalArgumentException("burst must be >= 1 and perSecond > 0");
		}
		// greedy: tokens come back one by one at perSecond, not all at the end of the period
		this.bandwidth = Bandwidth.builder()
			.capacity(burst)
			.refillGreedy(burst, Duration.ofNanos(Math.max(1, Math.round(burst / perSecond * 1e9))))
			.build();
		this.clock = clock;
	}

	/** Buckets whose full ones the gateway's timer drops every minute. */
	public static RateBuckets sweptEveryMinute(int burst, double perSecond, ScheduledExecutorService scheduler) {
		RateBuckets buckets = new RateBuckets(burst, perSecond, TimeMeter.SYSTEM_NANOTIME);
		scheduler.scheduleWithFixedDelay(buckets::sweep, 1, 1, TimeUnit.MINUTES);
		return buckets;
	}

	/** Takes one token from {@code key}'s bucket. */
	public Verdict take(String key) {
		Bucket bucket = this.buckets.computeIfAbsent(key, (k) -> newBucket());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return new Verdict(true, 0);
		}
		long seconds = (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L;
		return new Verdict(false, Math.max(1, seconds));
	}

	/**
	 * Forgets the keys whose bucket is full again. A take racing with the removal may go to the
	 * dropped bucket: at most one token per key and sweep is not counted, in the client's favour.
	 */
	void sweep() {
		this.buckets.entrySet()
			.removeIf((entry) -> entry.getValue().getAvailableTokens() >= this.bandwidth.getCapacity());
	}

	int size() {
		return this.buckets.size();
	}

	private Bucket newBucket() {
		return Bucket.builder().addLimit(this.bandwidth).withCustomTimePrecision(this.clock).build();
	}

}
