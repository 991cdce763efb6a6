package io.envstream.collector.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DockerTimestampsTests {

	@Test
	void readsTheFixedNanosecondFormat() {
		assertThat(parse("2024-05-01T12:00:00.123456789Z")).isEqualTo(nanos("2024-05-01T12:00:00.123456789Z"));
		assertThat(parse("1970-01-01T00:00:00.000000000Z")).isZero();
	}

	@Test
	void readsOtherRfc3339Forms() {
		assertThat(parse("2024-05-01T12:00:00.5Z")).isEqualTo(nanos("2024-05-01T12:00:00.5Z"));
		assertThat(parse("2024-05-01T14:00:00.000000000+02:00")).isEqualTo(nanos("2024-05-01T12:00:00Z"));
	}

	@Test
	void readsTheJsonFileFormWithItsTrailingZerosTrimmed() {
		for (String time : new String[] { "2024-05-01T12:00:00Z", "2024-05-01T12:00:00.5Z", "2024-05-01T12:00:00.05Z",
			"2024-05-01T12:00:00.123Z", "2024-05-01T12:00:00.12345678Z", "2024-12-31T23:59:59.999999999Z",
			"2028-02-29T00:00:01.000000001Z" }) {
			assertThat(parse(time)).as(time).isEqualTo(nanos(time));
		}
	}

	@Test
	void namesWhatIsNotATimestampThatLooksLikeOne() {
		for (String time : new String[] { "2024-05-01T25:00:00.5Z", "2024-02-30T12:00:00.5Z",
			"2024-05-01T12:00:00.1234567890Z", "2024-05-01T12-00:00.5Z", "2024-05-01T12:00:00.5x" }) {
			assertThatIllegalArgumentException().as(time).isThrownBy(() -> parse(time))
				.withMessage("not a Docker log timestamp: " + time);
		}
	}

	@Test
	void rejectsText() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("yesterday"));
	}

	private static long parse(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		return DockerTimestamps.parseNanos(bytes, 0, bytes.length);
	}

	private static long nanos(String text) {
		Instant instant = Instant.parse(text);
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

}
