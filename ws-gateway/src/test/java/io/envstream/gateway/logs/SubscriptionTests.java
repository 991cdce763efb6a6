package io.envstream.gateway.logs;

import io.envstream.schemas.cursor.Cursor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionTests {

	private static Subscription subscription(int bound) {
		return new Subscription("s", "env", 0, true, LineFilter.ALL, bound, null, null, null);
	}

	private static Frame lines(long offset, int count) {
		return Frame.lines("{}", count, new Cursor(0, offset, count - 1), 0);
	}

	private static Subscription live(int bound) throws InterruptedException {
		Subscription subscription = subscription(bound);
		assertThat(subscription.goLive(subscription.generation())).isTrue();
		assertThat(subscription.take().json()).isEqualTo(FrameEncoder.live());
		return subscription;
	}

	@Test
	void dropsLiveFramesAtOrBeforeItsPosition() throws InterruptedException {
		Subscription subscription = live(1000);
		assertThat(subscription.offerLive(lines(5, 10))).isEqualTo(Subscription.Offer.TAKEN);
		assertThat(subscription.offerLive(lines(5, 10))).isEqualTo(Subscription.Offer.TAKEN);
		assertThat(subscription.offerLive(lines(3, 10))).isEqualTo(Subscription.Offer.TAKEN);
		assertThat(subscription.take().last()).isEqualTo(new Cursor(0, 5, 9));
		assertThat(subscription.take()).isNull();
	}

	@Test
	void overflowsWhenTheQueueWouldExceedItsBoundAndRestartsAfterTheLastLineTaken() throws InterruptedException {
		Subscription subscription = live(25);
		subscription.offerLive(lines(1, 10));
		subscription.offerLive(lines(2, 10));
		assertThat(subscription.take().last()).isEqualTo(new Cursor(0, 1, 9));
		subscription.offerLive(lines(3, 10));
		assertThat(subscription.offerLive(lines(4, 10))).isEqualTo(Subscription.Offer.OVERFLOW);
		long generation = subscription.overflow(10);
		assertThat(subscription.mode()).isEqualTo(Subscription.Mode.CATCHING_UP);
		assertThat(subscription.position()).isEqualTo(new Cursor(0, 1, 9));
		assertThat(subscription.take().json()).isEqualTo(FrameEncoder.lag(30));
		assertThat(subscription.offerLive(lines(5, 1))).isEqualTo(Subscription.Offer.NOT_LIVE);
		assertThat(subscription.offerCatchUp(generation, lines(2, 10))).isTrue();
		assertThat(subscription.take().last()).isEqualTo(new Cursor(0, 2, 9));
	}

	@Test
	void pauseDropsWhatIsQueuedAndResumeContinuesAfterTheLastLineTaken() throws InterruptedException {
		Subscription subscription = live(1000);
		subscription.offerLive(lines(1, 5));
		subscription.take();
		subscription.offerLive(lines(2, 5));
		assertThat(subscription.pause()).isTrue();
		assertThat(subscription.take()).isNull();
		assertThat(subscription.offerLive(lines(3, 5))).isEqualTo(Subscription.Offer.NOT_LIVE);
		long generation = subscription.resume(null);
		assertThat(generation).isPositive();
		assertThat(subscription.position()).isEqualTo(new Cursor(0, 1, 4));
	}

	@Test
	void aReplacedReaderStopsOffering() throws InterruptedException {
		Subscription subscription = subscription(100);
		long old = subscription.generation();
		subscription.pause();
		long current = subscription.resume(null);
		assertThat(subscription.offerCatchUp(old, lines(1, 1))).isFalse();
		assertThat(subscription.offerCatchUp(current, lines(1, 1))).isTrue();
		assertThat(subscription.goLive(old)).isFalse();
	}

	@Test
	void movesItsPositionPastLinesTheFilterDropped() throws InterruptedException {
		Subscription subscription = live(100);
		subscription.offerLive(Frame.skipped(new Cursor(0, 7, 3)));
		assertThat(subscription.position()).isEqualTo(new Cursor(0, 7, 3));
		assertThat(subscription.take().json()).isNull();
		assertThat(subscription.delivered()).isEqualTo(new Cursor(0, 7, 3));
	}

	@Test
	void closedSubscriptionTakesNothingMore() throws InterruptedException {
		Subscription subscription = live(100);
		subscription.offerLive(lines(1, 1));
		assertThat(subscription.markClosed()).isTrue();
		assertThat(subscription.take()).isNull();
		assertThat(subscription.offerLive(lines(2, 1))).isEqualTo(Subscription.Offer.NOT_LIVE);
	}

	@Test
	void restartMovesBackOrForwardDroppingWhatIsQueuedAndRetiringTheReader() throws InterruptedException {
		Subscription subscription = live(1000);
		subscription.offerLive(lines(8, 5));
		subscription.take();
		subscription.offerLive(lines(9, 5));
		long generation = subscription.restart(new Cursor(0, 2, 4));
		assertThat(generation).isGreaterThan(0);
		assertThat(subscription.mode()).isEqualTo(Subscription.Mode.CATCHING_UP);
		assertThat(subscription.take()).isNull();
		assertThat(subscription.position()).isEqualTo(new Cursor(0, 2, 4));
		assertThat(subscription.offerCatchUp(generation - 1, lines(3, 5))).as("the retired reader").isFalse();
		assertThat(subscription.offerCatchUp(generation, lines(3, 5))).isTrue();
		assertThat(subscription.take().last()).isEqualTo(new Cursor(0, 3, 4));
	}

	@Test
	void restartWhilePausedStaysPausedAndTheResumeStartsThere() throws InterruptedException {
		Subscription subscription = live(1000);
		subscription.pause();
		assertThat(subscription.restart(new Cursor(0, 40, 0))).isEqualTo(-1);
		assertThat(subscription.mode()).isEqualTo(Subscription.Mode.PAUSED);
		subscription.resume(null);
		assertThat(subscription.position()).isEqualTo(new Cursor(0, 40, 0));
		assertThat(subscription.delivered()).isEqualTo(new Cursor(0, 40, 0));
	}

	@Test
	void aSharedReadsOfferNeverBlocksAndSaysWhenTheQueueIsFullOrTheReaderRetired() throws InterruptedException {
		Subscription subscription = subscription(20);
		long generation = subscription.generation();
		assertThat(subscription.offerCatchUpNow(generation, lines(1, 10))).isEqualTo(Subscription.Offer.TAKEN);
		assertThat(subscription.readsWithRoom(generation)).isTrue();
		assertThat(subscription.offerCatchUpNow(generation, lines(2, 10))).isEqualTo(Subscription.Offer.TAKEN);
		assertThat(subscription.readsWithRoom(generation)).isFalse();
		assertThat(subscription.offerCatchUpNow(generation, lines(3, 10))).isEqualTo(Subscription.Offer.OVERFLOW);
		assertThat(subscription.position()).isEqualTo(new Cursor(0, 2, 9));
		int[] told = new int[1];
		subscription.onRoom(generation, () -> told[0]++);
		subscription.take();
		assertThat(told[0]).isEqualTo(1);
		assertThat(subscription.readsWithRoom(generation)).isTrue();
		assertThat(subscription.offerCatchUpNow(generation, lines(3, 10))).isEqualTo(Subscription.Offer.TAKEN);
		subscription.pause();
		assertThat(subscription.readsWithRoom(generation)).isFalse();
		assertThat(subscription.offerCatchUpNow(generation, lines(4, 10))).isEqualTo(Subscription.Offer.NOT_LIVE);
	}

	@Test
	void aSharedReadIsToldOnceWhenTheQueueFallsToHalfAndOnlyItsOwnLeavingStopsThat() throws InterruptedException {
		// given a queue of 40 lines, full, and the shared read of the current reader listening
		Subscription subscription = live(40);
		for (int offset = 1; offset <= 4; offset++) {
			subscription.offerLive(lines(offset, 10));
		}
		long first = subscription.overflow(0);
		assertThat(subscription.take().json()).contains("\"lag\"");
		for (int offset = 1; offset <= 4; offset++) {
			assertThat(subscription.offerCatchUpNow(first, lines(offset, 10))).isEqualTo(Subscription.Offer.TAKEN);
		}
		int[] told = new int[2];
		subscription.onRoom(first, () -> told[0]++);
		// when lines leave, then it is told once, as the queue falls from 30 to 20 lines
		subscription.take();
		assertThat(told[0]).isZero();
		subscription.take();
		subscription.take();
		assertThat(told[0]).isEqualTo(1);
		// when the client went live and fell behind again, a newer reader listening, the old one's leaving
		// then does not stop the newer one's
		assertThat(subscription.goLive(first)).isTrue();
		long second = subscription.overflow(0);
		subscription.onRoom(second, () -> told[1]++);
		subscription.onRoom(first, null);
		for (int offset = 5; offset <= 8; offset++) {
			subscription.offerCatchUpNow(second, lines(offset, 10));
		}
		while (subscription.take() != null) {
			// send everything
		}
		assertThat(told[1]).isEqualTo(1);
		assertThat(told[0]).isEqualTo(1);
	}

}
