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
