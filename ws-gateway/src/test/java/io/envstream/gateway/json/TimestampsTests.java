package io.envstream.gateway.json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTests {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	@Test
	void writesTimestampsInUtcWithAtLeastMilliseconds() {
		StringBuilder out = new StringBuilder();
		Timestamps.append(out, 1_759_320_000_000_000_000L);
		assertThat(out).hasToString("2025-10-01T12:00:00.000Z");
		out.setLength(0);
		Timestamps.append(out, 1_759_320_000_123_456_789L);
		assertThat(out).hasToString("2025-10-01T12:00:00.123456789Z");
		out.setLength(0);
		Timestamps.append(out, 1_759_320_000_123_456_000L);
		assertThat(out).hasToString("2025-10-01T12:00:00.123456Z");
	}

	@Test
	void writesMillisecondsOfAStateOrSample() {
		assertThat(Timestamps.ofMillis(1_759_320_000_123L)).isEqualTo("2025-10-01T12:00:00.123Z");
	}

	@Test
	void writesWhatJavaTimeMakesOfTheSameInstantOverTheWholeRangeOfALong() {
		SplittableRandom random = new SplittableRandom(20261206);
		long[] edges = { Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, 951_782_400_000_000_000L /* 2000-02-29 */,
				-2_208_988_800_000_000_000L /* 1900-01-01 */, 4_107_542_399_999_999_999L /* 2100-02-28T23:59:59 */ };
		for (long nanos : edges) {
			assertThat(written(nanos)).as("%d ns", nanos).isEqualTo(javaTime(nanos));
		}
		for (int i = 0; i < 100_000; i++) {
			long nanos = random.nextLong();
			// whole milliseconds and microseconds too: they are written with fewer digits
			long rounded = (i % 3 == 0) ? nanos - Math.floorMod(nanos, 1_000_000L)
					: (i % 3 == 1) ? nanos - Math.floorMod(nanos, 1_000L) : nanos;
			assertThat(written(rounded)).as("%d ns", rounded).isEqualTo(javaTime(rounded));
		}
	}

	private static String written(long nanos) {
		StringBuilder out = new StringBuilder();
		Timestamps.append(out, nanos);
		return out.toString();
	}

	private static String javaTime(long nanos) {
		Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
				Math.floorMod(nanos, 1_000_000_000L));
		int fraction = instant.getNano();
		String digits = (fraction % 1_000_000 == 0) ? String.format("%03d", fraction / 1_000_000)
				: (fraction % 1_000 == 0) ? String.format("%06d", fraction / 1_000) : String.format("%09d", fraction);
		return SECONDS.format(instant) + "." + digits + "Z";
	}

}
