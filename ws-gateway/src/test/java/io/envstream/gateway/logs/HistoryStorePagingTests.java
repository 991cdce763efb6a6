package io.envstream.gateway.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryStorePagingTests {

	@Test
	void doublesThePageWhileNoLineWasKeptUpToTheLargestPage() {
		assertThat(HistoryStore.nextPage(1, 1, 0, 100)).isEqualTo(2);
		assertThat(HistoryStore.nextPage(8, 15, 0, 100)).isEqualTo(16);
		assertThat(HistoryStore.nextPage(256, 511, 0, 100)).isEqualTo(256);
	}

	@Test
	void asksForTheBatchesTheRestNeedsAtTheLinesPerBatchKeptSoFarAndOneMore() {
		// one batch gave 20 stderr lines of 100 wanted: 4 more such batches, and one for a thinner one
		assertThat(HistoryStore.nextPage(1, 1, 20, 100)).isEqualTo(5);
		// 3 batches gave 7 lines: 93 more need 40 batches (39.86 rounded up)
		assertThat(HistoryStore.nextPage(2, 3, 7, 100)).isEqualTo(41);
	}

	@Test
	void neverAsksForMoreThanTheLargestPage() {
		assertThat(HistoryStore.nextPage(1, 1, 1, 10_000)).isEqualTo(256);
	}

}
