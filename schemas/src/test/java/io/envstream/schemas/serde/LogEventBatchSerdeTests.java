package io.envstream.schemas.serde;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LogEventBatchSerdeTests {

	private static final String TOPIC = Topics.LOGS_RAW.name();

	private final LogEventBatchSerde serde = new LogEventBatchSerde();

	@Test
	void readsTheSingleLineRecordOfAnOlderCollectorAsABatchOfThatLine() {
		LogEvent event = LogEvent.newBuilder(ContractSamples.logEvent("from before batches")).setTruncated(true).build();
		byte[] written = new LogEventSerde().serialize(TOPIC, event);

		LogEventBatch read = this.serde.deserialize(TOPIC, written);

		assertThat(read.getEnvId()).isEqualTo("env-1");
		assertThat(read.getHostId()).isEqualTo("host-a");
		assertThat(read.getContainerId()).isEqualTo("3f2a9c");
		assertThat(read.getLines()).containsExactly(new RawLine(event.getStream(), event.getTimestampNanos(),
				event.getSeq(), "from before batches", true));
	}

	@Test
	void writesBatchesThatReadBackWithEveryLineInOrder() {
		LogEventBatch batch = ContractSamples.logEventBatch("one", "two", "");

		assertThat(this.serde.deserialize(TOPIC, this.serde.serialize(TOPIC, batch))).isEqualTo(batch);
	}

	@Test
	void namesTheRecordAPayloadOfAnotherTopicHolds() {
		byte[] logBatch = new LogBatchSerde().serialize("envstream.logs", ContractSamples.logBatch());

		assertThatExceptionOfType(RecordDecodingException.class).isThrownBy(() -> this.serde.deserialize(TOPIC, logBatch))
			.withMessageStartingWith("envstream.logs.raw: cannot decode LogEventBatch: unknown schema fingerprint")
			.withMessageEndingWith("(a LogBatch schema: wrong topic or serde?)");
	}

	@Test
	void refusesAPayloadTooShortForAHeaderAsABatch() {
		assertThatExceptionOfType(RecordDecodingException.class)
			.isThrownBy(() -> this.serde.deserialize(TOPIC, new byte[] { (byte) 0xc3, 0x01, 7 }))
			.withMessage("envstream.logs.raw: cannot decode LogEventBatch: truncated header: 3 bytes, "
					+ "single-object encoding needs 10");
	}

}
