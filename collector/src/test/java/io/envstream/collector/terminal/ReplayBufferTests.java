package io.envstream.collector.terminal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplayBufferTests {

	@Test
	void replaysWhatFitsInOrderWithoutAMarker() {
		ReplayBuffer buffer = new ReplayBuffer(10);
		buffer.append("abc");
		buffer.append("");
		buffer.append("defg");

		assertThat(buffer.drain()).containsExactly("abc", "defg");
	}

	@Test
	void dropsTheOldestOutputAndSaysHowMuch() {
		ReplayBuffer buffer = new ReplayBuffer(5);
		buffer.append("abc");
		buffer.append("defg");

		assertThat(buffer.drain()).containsExactly(ReplayBuffer.marker(2), "c", "defg");
	}

	@Test
	void keepsTheNewestPartOfAChunkLargerThanTheBuffer() {
		ReplayBuffer buffer = new ReplayBuffer(4);
		buffer.append("0123456789");

		assertThat(buffer.drain()).containsExactly(ReplayBuffer.marker(6), "6789");
	}

	@Test
	void neverKeepsHalfOfASurrogatePair() {
		ReplayBuffer buffer = new ReplayBuffer(3);
		buffer.append("a😀bc");

		assertThat(buffer.drain()).containsExactly(ReplayBuffer.marker(3), "bc");
	}

	@Test
	void isEmptyAfterADrain() {
		ReplayBuffer buffer = new ReplayBuffer(2);
		buffer.append("abcd");
		buffer.drain();

		assertThat(buffer.drain()).isEmpty();
		buffer.append("x");
		assertThat(buffer.drain()).containsExactly("x");
	}

	@Test
	void markerIsALineOfItsOwn() {
		assertThat(ReplayBuffer.marker(42))
			.isEqualTo("\r\n[envstream: 42 characters of output dropped while detached]\r\n");
	}

	@Test
	void refusesANonPositiveCapacity() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReplayBuffer(0));
	}

}
