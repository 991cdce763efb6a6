package io.envstream.gateway.logs;

import io.envstream.gateway.logs.Subscription.Mode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionStateTests {

	private static SubscriptionState live() {
		SubscriptionState state = new SubscriptionState();
		assertThat(state.goLive(state.generation())).isTrue();
		return state;
	}

	private static SubscriptionState paused() {
		SubscriptionState state = new SubscriptionState();
		assertThat(state.pause()).isTrue();
		return state;
	}

	@Test
	void startsCatchingUpWithTheFirstReaderCurrent() {
		SubscriptionState state = new SubscriptionState();
		assertThat(state.mode()).isEqualTo(Mode.CATCHING_UP);
		assertThat(state.readerIsCurrent(0)).isTrue();
		assertThat(state.isLive()).isFalse();
	}

	@Test
	void goesLiveWhenItsCurrentReaderHandsOver() {
		SubscriptionState state = new SubscriptionState();
		assertThat(state.goLive(0)).isTrue();
		assertThat(state.mode()).isEqualTo(Mode.LIVE);
		assertThat(state.readerIsCurrent(0)).isFalse();
	}

	@Test
	void doesNotGoLiveForAReaderThatWasReplaced() {
		SubscriptionState state = paused();
		long generation = state.resume();
		assertThat(state.goLive(generation - 1)).isFalse();
		assertThat(state.mode()).isEqualTo(Mode.CATCHING_UP);
	}

	@Test
	void doesNotGoLiveTwice() {
		SubscriptionState state = live();
		assertThat(state.goLive(state.generation())).isFalse();
	}

	@Test
	void aSlowLiveClientCatchesUpOnANewReader() {
		SubscriptionState state = live();
		long before = state.generation();
		long generation = state.overflow();
		assertThat(generation).isEqualTo(before + 1);
		assertThat(state.mode()).isEqualTo(Mode.CATCHING_UP);
		assertThat(state.readerIsCurrent(generation)).isTrue();
		assertThat(state.goLive(generation)).isTrue();
	}

	@Test
	void overflowIsIgnoredUnlessLive() {
		assertThat(new SubscriptionState().overflow()).isEqualTo(-1);
		SubscriptionState paused = paused();
		assertThat(paused.overflow()).isEqualTo(-1);
		assertThat(paused.mode()).isEqualTo(Mode.PAUSED);
	}

	@Test
	void pausingStopsTheReaderAndTheLiveFeed() {
		SubscriptionState catchingUp = new SubscriptionState();
		assertThat(catchingUp.pause()).isTrue();
		assertThat(catchingUp.mode()).isEqualTo(Mode.PAUSED);
		assertThat(catchingUp.readerIsCurrent(0)).isFalse();
		SubscriptionState live = live();
		assertThat(live.pause()).isTrue();
		assertThat(live.isLive()).isFalse();
	}

	@Test
	void pausingTwiceChangesNothing() {
		SubscriptionState state = paused();
		long generation = state.generation();
		assertThat(state.pause()).isFalse();
		assertThat(state.generation()).isEqualTo(generation);
	}

	@Test
	void resumingStartsANewReader() {
		SubscriptionState state = paused();
		long generation = state.resume();
		assertThat(generation).isEqualTo(2);
		assertThat(state.mode()).isEqualTo(Mode.CATCHING_UP);
		assertThat(state.readerIsCurrent(generation)).isTrue();
	}

	@Test
	void resumingWhenNotPausedIsIgnored() {
		assertThat(new SubscriptionState().resume()).isEqualTo(-1);
		assertThat(live().resume()).isEqualTo(-1);
	}

	@Test
	void closingIsFinalAndStopsEveryReader() {
		SubscriptionState state = live();
		assertThat(state.close()).isTrue();
		assertThat(state.mode()).isEqualTo(Mode.CLOSED);
		assertThat(state.close()).isFalse();
		assertThat(state.pause()).isFalse();
		assertThat(state.resume()).isEqualTo(-1);
		assertThat(state.overflow()).isEqualTo(-1);
		assertThat(state.readerIsCurrent(state.generation())).isFalse();
	}

}
