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
		assertThat(filter.alreadyShipped(new ReadPosition(5, 1))).isFalse();
	}

	@Test
	void countsAnOlderRecordOfTheSameSecondAfterTheHighestTimestamp() {
		// a stdout piece stamped with its line's first timestamp, after a later stderr record
		long second = 7_000_000_000L;
		ReadPosition position = ReadPosition.START.next(second + 10).next(second + 20).next(second + 10);

		assertThat(position).isEqualTo(new ReadPosition(second + 20, 2));
		// from an earlier second: a read since this second would not return it, so it is not counted
		assertThat(position.next(second - 1)).isEqualTo(position);
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
