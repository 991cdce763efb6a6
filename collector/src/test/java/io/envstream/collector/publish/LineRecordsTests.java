package io.envstream.collector.publish;

import java.util.ArrayList;
import java.util.List;

import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineRecordsTests {

	private final List<LogEventBatch> sent = new ArrayList<>();

	private final LineRecords records = new LineRecords("host-1", LineLimit.RECORD_BYTES, this.sent::add);

	private long seq;

	@Test
	void linesOfOneContainerShareOneRecordInTheOrderTheyWereRead() {
		this.records.add("env-a", "c-1", line("one"));
		this.records.add("env-a", "c-1", line("two"));
		this.records.add("env-a", "c-1", line("three"));
		this.records.flush();

		assertThat(this.sent).singleElement().satisfies((record) -> {
			assertThat(record.getEnvId()).isEqualTo("env-a");
			assertThat(record.getHostId()).isEqualTo("host-1");
			assertThat(record.getContainerId()).isEqualTo("c-1");
			assertThat(record.getLines()).extracting(RawLine::getMessage).containsExactly("one", "two", "three");
			assertThat(record.getLines()).extracting(RawLine::getSeq).containsExactly(0L, 1L, 2L);
		});
	}

	@Test
	void containersNeverShareARecordEvenInOneEnvironment() {
		this.records.add("env-a", "c-1", line("old container"));
		this.records.add("env-a", "c-2", line("new container"));
		this.records.add("env-b", "c-3", line("other environment"));
		this.records.add("env-a", "c-1", line("old container again"));
		this.records.flush();

		assertThat(this.sent).extracting(LogEventBatch::getContainerId).containsExactly("c-1", "c-2", "c-3");
		assertThat(this.sent.get(0).getLines()).extracting(RawLine::getMessage)
			.containsExactly("old container", "old container again");
	}

	@Test
	void aFullRecordLeavesBeforeTheLineThatWouldTakeItPastTheLimit() {
		long limit = 3 * (10 + LineRecords.LINE_OVERHEAD);
		LineRecords records = new LineRecords("host-1", limit, this.sent::add);

		for (int i = 0; i < 7; i++) {
			records.add("env-a", "c-1", line("0123456789"));
		}
		assertThat(this.sent).hasSize(2);
		records.flush();

		assertThat(this.sent).extracting((record) -> record.getLines().size()).containsExactly(3, 3, 1);
		assertThat(records.sent()).isEqualTo(3);
		assertThat(this.sent).flatExtracting(LogEventBatch::getLines)
			.extracting(RawLine::getSeq)
			.containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
	}

	@Test
	void aLineHeavierThanTheLimitLeavesAloneBetweenItsNeighbours() {
		LineRecords records = new LineRecords("host-1", 1024, this.sent::add);
		String huge = "x".repeat(4096);

		records.add("env-a", "c-1", line("before"));
		records.add("env-a", "c-1", line(huge));
		records.add("env-a", "c-1", line("after"));
		records.flush();

		assertThat(this.sent).extracting((record) -> record.getLines().get(0).getMessage())
			.containsExactly("before", huge, "after");
		assertThat(this.sent).allSatisfy((record) -> assertThat(record.getLines()).hasSize(1));
	}

	@Test
	void aRecordAtTheLimitEncodesWithinItsWeightAndTheEnvelopeReserve() {
		// the largest encoded overhead per line: long timestamps and seqs, and multi-byte characters
		for (int i = 0; i < 20_000; i++) {
			this.records.add("env-a", "c-1",
					new RawLine(Stream.STDERR, Long.MAX_VALUE, Long.MAX_VALUE - i, "é€" + i, true));
		}
		this.records.flush();

		assertThat(this.sent).hasSizeGreaterThan(1).allSatisfy((record) -> {
			long weight = record.getLines().stream().mapToLong(LineRecords::weight).sum();
			assertThat(weight).isLessThanOrEqualTo(LineLimit.RECORD_BYTES);
			assertThat(Topics.LOGS_RAW.valueSerde().serializer().serialize(Topics.LOGS_RAW.name(), record).length)
				.isLessThanOrEqualTo((int) weight + 1024);
		});
	}

	private RawLine line(String message) {
		return new RawLine(Stream.STDOUT, 1_700_000_000_000_000_000L + this.seq, this.seq++, message, false);
	}

}
