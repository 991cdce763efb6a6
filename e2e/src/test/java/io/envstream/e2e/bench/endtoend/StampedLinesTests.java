package io.envstream.e2e.bench.endtoend;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StampedLinesTests {

	private final List<String> found = new ArrayList<>();

	private int scan(String text) {
		return StampedLines.scan(text, (prefix, seq, sent) -> this.found.add(prefix + "/" + seq + "/" + sent));
	}

	@Test
	void findsEveryLineOfABatchFrame() {
		String frame = "{\"type\":\"batch\",\"logs\":[{\"type\":\"log\",\"timestamp\":\"2026-11-25T20:00:00.123Z\","
				+ "\"stream\":\"stdout\",\"message\":\"c7 seq=41 ts=1795648068162 xxxx\",\"meta\":{\"cursor\":\"djE6\","
				+ "\"seq\":41}},{\"type\":\"log\",\"message\":\"c7 seq=42 ts=1795648068262 xx\",\"meta\":{\"seq\":42}}],"
				+ "\"count\":2}";

		assertThat(scan(frame)).isEqualTo(2);
		assertThat(this.found).containsExactly("c7/41/1795648068162", "c7/42/1795648068262");
	}

	@Test
	void findsTheLineOfDockerLogsWithOrWithoutItsTimestamp() {
		scan("c1 seq=1 ts=1795648068162 xxxxxxxx");
		scan("2026-11-25T20:00:00.123456789Z c1 seq=2 ts=1795648068163 xxxxxxxx");

		assertThat(this.found).containsExactly("c1/1/1795648068162", "c1/2/1795648068163");
	}

	@Test
	void textWithoutStampedLinesHasNone() {
		assertThat(scan("{\"type\":\"live\"}")).isZero();
		assertThat(this.found).isEmpty();
	}

	@Test
	void aBrokenStampIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> scan("c1 seq=12 no time"))
			.withMessageContaining("not a stamped line")
			.withMessageContaining("c1 seq=12");
		assertThatIllegalArgumentException().isThrownBy(() -> scan("c1 seq=12 ts=x"))
			.withMessageContaining("without a send time");
	}

}
