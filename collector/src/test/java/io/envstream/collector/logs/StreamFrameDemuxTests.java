package io.envstream.collector.logs;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.Test;

import static io.envstream.collector.logs.LogBytes.T1;
import static io.envstream.collector.logs.LogBytes.T2;
import static io.envstream.collector.logs.LogBytes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StreamFrameDemuxTests {

	@Test
	void readsStdoutAndStderrFramesApartWithTheirTimestamps() throws IOException {
		byte[] bytes = new LogBytes().frame(1, T1 + " out line\n").frame(2, T2 + " err line\n").bytes();
		StreamFrameDemux demux = new StreamFrameDemux(new ByteArrayInputStream(bytes));

		LogRecord out = demux.next();
		LogRecord err = demux.next();

		assertThat(out.stream()).isEqualTo(Stream.STDOUT);
		assertThat(text(out)).isEqualTo("out line");
		assertThat(out.timestampNanos()).isEqualTo(1_714_564_800_000_000_001L);
		assertThat(out.partial()).isFalse();
		assertThat(err.stream()).isEqualTo(Stream.STDERR);
		assertThat(text(err)).isEqualTo("err line");
		assertThat(err.timestampNanos()).isEqualTo(1_714_564_800_500_000_000L);
		assertThat(demux.next()).isNull();
	}

	@Test
	void marksA16KiBRecordWithoutNewlineAsPartial() throws IOException {
		String piece = "p".repeat(Records.PIECE);
		byte[] bytes = new LogBytes().frame(1, T1 + " " + piece).frame(1, T1 + " rest\n").bytes();
		StreamFrameDemux demux = new StreamFrameDemux(new ByteArrayInputStream(bytes));

		assertThat(demux.next().partial()).isTrue();
		assertThat(demux.next().partial()).isFalse();
	}

	@Test
	void marksAPieceThatJsonFileStoredLongerAsPartial() throws IOException {
		// a json-file piece whose last character the cut split: its first byte stored as U+FFFD, three bytes
		String piece = "\u20ac".repeat(Records.PIECE / 3) + "\ufffd";
		byte[] bytes = new LogBytes().frame(1, T1 + " " + piece).frame(1, T1 + " \ufffd\ufffdrest\n").bytes();
		StreamFrameDemux demux = new StreamFrameDemux(new ByteArrayInputStream(bytes));

		assertThat(demux.next().partial()).isTrue();
		assertThat(demux.next().partial()).isFalse();
	}

	@Test
	void endsALineAtAShorterRecordWithoutNewline() throws IOException {
		// the local driver's last piece of a long line, or a process that exited mid-line
		byte[] bytes = new LogBytes().frame(1, T1 + " " + "p".repeat(Records.PIECE)).frame(1, T1 + " last piece").bytes();
		StreamFrameDemux demux = new StreamFrameDemux(new ByteArrayInputStream(bytes));

		assertThat(demux.next().partial()).isTrue();
		LogRecord last = demux.next();
		assertThat(last.partial()).isFalse();
		assertThat(text(last)).isEqualTo("last piece");
	}

	@Test
	void keepsAnEmptyLine() throws IOException {
		byte[] bytes = new LogBytes().frame(1, T1 + " \n").bytes();

		LogRecord record = new StreamFrameDemux(new ByteArrayInputStream(bytes)).next();

		assertThat(record.content()).isEmpty();
		assertThat(record.partial()).isFalse();
	}

	@Test
	void readsAFrameDeliveredOneByteAtATime() throws IOException {
		byte[] bytes = new LogBytes().frame(2, T1 + " slow\n").bytes();
		ByteArrayInputStream slow = new ByteArrayInputStream(bytes) {
			@Override
			public synchronized int read(byte[] b, int off, int len) {
				return super.read(b, off, Math.min(len, 1));
			}
		};

		assertThat(text(new StreamFrameDemux(slow).next())).isEqualTo("slow");
	}

	@Test
	void rejectsAStreamThatEndsInsideAFrame() {
		byte[] bytes = new LogBytes().frame(1, T1 + " cut\n").bytes();
		byte[] cut = Arrays.copyOf(bytes, bytes.length - 2);

		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> new StreamFrameDemux(new ByteArrayInputStream(cut)).next());
	}

	@Test
	void rejectsAnUnknownStreamType() {
		byte[] bytes = new LogBytes().frame(7, T1 + " x\n").bytes();

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> new StreamFrameDemux(new ByteArrayInputStream(bytes)).next())
			.withMessageContaining("stream type 7");
	}

	@Test
	void rejectsAHugeLengthInsteadOfAllocatingIt() {
		byte[] bytes = { 1, 0, 0, 0, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff };

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> new StreamFrameDemux(new ByteArrayInputStream(bytes)).next())
			.withMessageContaining("corrupt");
	}

	@Test
	void rejectsARecordWithoutTimestamp() {
		byte[] bytes = new LogBytes().frame(1, "no-timestamp-here\n").bytes();

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> new StreamFrameDemux(new ByteArrayInputStream(bytes)).next());
	}

}
