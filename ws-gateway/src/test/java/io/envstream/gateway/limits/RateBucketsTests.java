package io.envstream.gateway.limits;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateBucketsTests {

	private final AtomicLong nanos = new AtomicLong();

	private final TimeMeter clock = new TimeMeter() {

		@Override
		public long currentTimeNanos() {
			return RateBucketsTests.this.nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	};

	@Test
	void allowsTheBurstThenRefusesWithTheSecondsUntilTheNextToken() {
		RateBuckets buckets = new RateBuckets(3, 0.5, this.clock);

		assertThat(buckets.take("10.0.0.1").allowed()).isTrue();
		assertThat(buckets.take("10.0.0.1").allowed()).isTrue();
		assertThat(buckets.take("10.0.0.1").allowed()).isTrue();

		assertThat(buckets.take("10.0.0.1")).isEqualTo(new RateBuckets.Verdict(false, 2));
	}

	@Test
	void regainsTokensAtTheRateOneByOne() {
		RateBuckets buckets = new RateBuckets(2, 4, this.clock);
		buckets.take("alice");
		buckets.take("alice");
		assertThat(buckets.take("alice").allowed()).isFalse();

		advance(250);

		assertThat(buckets.take("alice").allowed()).isTrue();
		assertThat(buckets.take("alice").allowed()).isFalse();
	}

	@Test
	void roundsAWaitOfLessThanASecondUpToOne() {
		RateBuckets buckets = new RateBuckets(1, 100, this.clock);
		buckets.take("alice");

		assertThat(buckets.take("alice")).isEqualTo(new RateBuckets.Verdict(false, 1));
	}

	@Test
	void keepsEachKeysBucketApart() {
		RateBuckets buckets = new RateBuckets(1, 0.1, this.clock);
		buckets.take("alice");

		assertThat(buckets.take("alice").allowed()).isFalse();
		assertThat(buckets.take("bob").allowed()).isTrue();
	}

	@Test
	void sweepForgetsFullBucketsAndKeepsTheOthers() {
		RateBuckets buckets = new RateBuckets(2, 1, this.clock);
		buckets.take("early");
		advance(1000);
		buckets.take("late");

		buckets.sweep();

		assertThat(buckets.size()).isOne();
		buckets.take("late");
		assertThat(buckets.take("late").allowed()).as("the swept-around bucket still counts").isFalse();
	}

	@Test
	void refusesANonPositiveBurstOrRate() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateBuckets(0, 1, this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new RateBuckets(1, 0, this.clock));
	}

	private void advance(long millis) {
		this.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
