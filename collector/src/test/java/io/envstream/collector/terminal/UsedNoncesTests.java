package io.envstream.collector.terminal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsedNoncesTests {

	private final UsedNonces nonces = new UsedNonces();

	@Test
	void refusesANonceSeenBeforeItsTokenExpired() {
		assertThat(this.nonces.use("n-1", 10_000, 0)).isTrue();
		assertThat(this.nonces.use("n-1", 10_000, 9_999)).isFalse();
		assertThat(this.nonces.use("n-2", 10_000, 9_999)).isTrue();
	}

	@Test
	void forgetsANonceOnceItsTokenExpired() {
		this.nonces.use("n-1", 10_000, 0);
		this.nonces.use("n-2", 20_000, 0);

		this.nonces.use("n-3", 30_000, 10_001);

		assertThat(this.nonces.size()).isEqualTo(2);
	}

}
