package io.envstream.collector.logs;

import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayGuardTests {

	private final ReplayGuard guard = new ReplayGuard();

	@Test
	void dropsRecordsSentAgainAfterNewerOnes() {
		assertThat(this.guard.isReplay(record(Stream.STDOUT, 10, false))).isFalse();
		assertThat(this.guard.isReplay(record(Stream.STDOUT, 11, false))).isFalse();
		assertThat(this.guard.isReplay(record(Stream.STDOUT, 10, false))).isTrue();
		assertThat(this.guard.isReplay(record(Stream.STDOUT, 11, false))).isTrue();
		assertThat(this.guard.isReplay(record(Stream.STDOUT, 12, false))).isFalse();
	}

	@Test
	void keepsThePiecesOfALongLineThatShareAStamp() {
		assertThat(this.guard.isReplay(record(Stream.STDOUT, 10, true))).isFalse();
		assertThat(this.guard.isReplay(record(Stream.STDOUT, 10, true))).isFalse();
		assertThat(this.guard.isReplay(record(Stream.STDOUT, 10, false))).isFalse();
	}

	@Test
	void judgesTheTwoStreamsApart() {
		assertThat(this.guard.isReplay(record(Stream.STDOUT, 10, false))).isFalse();
		assertThat(this.guard.isReplay(record(Stream.STDERR, 9, false))).isFalse();
		assertThat(this.guard.isReplay(record(Stream.STDOUT, 11, false))).isFalse();
	}

	private static LogRecord record(Stream stream, long timestamp, boolean partial) {
		return new LogRecord(stream, timestamp, new byte[0], partial);
	}

}
