package io.envstream.collector.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResumeFilterTests {

	@Test
	void dropsRecordsUpToAndIncludingTheShippedOneAmongEqualTimestamps() {
		// shipped: the second of three records stamped 5
		ResumeFilter filter = new ResumeFilter(new ReadPosition(5, 2));
		ReadPosition position = ReadPosition.START;

		position = position.next(4);
		assertThat(filter.alreadyShipped(position)).isTrue();
		position = position.next(5);
		assertThat(filter.alreadyShipped(position)).isTrue();
		position = position.next(5);
		assertThat(filter.alreadyShipped(position)).isTrue();
		position = position.next(5);
		assertThat(filter.alreadyShipped(position)).isFalse();
		position = position.next(6);
		assertThat(filter.alreadyShipped(position)).isFalse();
	}

	@Test
	void dropsNothingOnceARecordPassed() {
		ResumeFilter filter = new ResumeFilter(new ReadPosition(5, 1));

		assertThat(filter.alreadyShipped(new ReadPosition(6, 1))).isFalse();
		// stored after the shipped one with an older timestamp: still new
		assertThat(filter.alreadyShipped(new ReadPosition(4, 1))).isFalse();
	}

	@Test
	void dropsNothingFromTheStart() {
		ResumeFilter filter = new ResumeFilter(ReadPosition.START);

		assertThat(filter.alreadyShipped(new ReadPosition(1, 1))).isFalse();
	}

	@Test
	void resumesAtTheSecondOfTheShippedRecord() {
		assertThat(new ReadPosition(5_999_999_999L, 1).epochSecond()).isEqualTo(5);
		assertThat(ReadPosition.START.epochSecond()).isZero();
	}

}
