package io.envstream.collector.publish;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LineLimitTests {

	private static final int BROKER_DEFAULT = 1024 * 1024 + 12;

	@Test
	void keepsTheConfiguredLimitWhenTheTopicTakesLargerRecords() {
		assertThat(LineLimit.within(128 * 1024, BROKER_DEFAULT).maxLineBytes()).isEqualTo(128 * 1024);
		assertThat(LineLimit.within(1024 * 1024, 8 * 1024 * 1024).maxLineBytes()).isEqualTo(1024 * 1024);
	}

	@Test
	void cutsLinesShorterWhenTheTopicsRecordsCannotHoldThemAndTheirEnvelope() {
		assertThat(LineLimit.within(1024 * 1024, BROKER_DEFAULT).maxLineBytes())
			.isEqualTo(BROKER_DEFAULT - LineLimit.ENVELOPE_RESERVE)
			.isLessThan(1024 * 1024);
	}

	@Test
	void linesSharingARecordWeighAQuarterOfTheDefaultRecordSizeAtMostHoweverLargeTheTopicsRecords() {
		assertThat(LineLimit.within(1024 * 1024, BROKER_DEFAULT).maxRecordBytes()).isEqualTo(LineLimit.RECORD_BYTES);
		assertThat(LineLimit.within(16 * 1024 * 1024, 64 * 1024 * 1024).maxRecordBytes())
			.isEqualTo(LineLimit.RECORD_BYTES);
	}

	@Test
	void linesSharingARecordLeaveRoomForItsEnvelopeInASmallTopicsRecords() {
		LineLimit limit = LineLimit.within(1024 * 1024, 64 * 1024);

		assertThat(limit.maxRecordBytes()).isEqualTo(64 * 1024 - LineLimit.ENVELOPE_RESERVE);
		assertThat(limit.maxLineBytes()).isEqualTo(64 * 1024 - LineLimit.ENVELOPE_RESERVE);
	}

	@Test
	void refusesATopicWhoseRecordsCannotHoldTheEnvelope() {
		assertThatIllegalStateException().isThrownBy(() -> LineLimit.within(1024, LineLimit.ENVELOPE_RESERVE))
			.withMessageContaining("envstream.logs.raw takes records of at most 16384 bytes (max.message.bytes)");
	}

}
