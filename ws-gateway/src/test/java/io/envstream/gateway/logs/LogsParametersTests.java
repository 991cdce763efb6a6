package io.envstream.gateway.logs;

import java.time.Instant;

import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import io.envstream.schemas.cursor.InvalidCursorException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LogsParametersTests {

	@Test
	void readsAbsentValuesAsTheirDefaults() {
		assertThat(LogsParameters.stream(null)).isNull();
		assertThat(LogsParameters.count(null, "limit", 100, 1, 10000)).isEqualTo(100);
		assertThat(LogsParameters.time(null, "from")).isNull();
		assertThat(LogsParameters.cursor(null)).isNull();
	}

	@Test
	void readsValidValues() {
		assertThat(LogsParameters.stream("all")).isNull();
		assertThat(LogsParameters.stream("stderr")).isEqualTo("stderr");
		assertThat(LogsParameters.count("1", "limit", 100, 1, 10000)).isEqualTo(1);
		assertThat(LogsParameters.count("10000", "limit", 100, 1, 10000)).isEqualTo(10000);
		assertThat(LogsParameters.time("2025-10-01T12:00:00.123Z", "from"))
			.isEqualTo(Instant.parse("2025-10-01T12:00:00.123Z"));
		assertThat(LogsParameters.cursor(CursorCodec.encode(new Cursor(1, 2, 3)))).isEqualTo(new Cursor(1, 2, 3));
	}

	@Test
	void refusesBadValuesWithOneMessageNamingTheParameter() {
		assertThatIllegalArgumentException().isThrownBy(() -> LogsParameters.stream("stdin"))
			.withMessage("stream must be all, stdout or stderr");
		assertThatIllegalArgumentException().isThrownBy(() -> LogsParameters.count("x", "limit", 100, 1, 10000))
			.withMessage("limit must be a number");
		assertThatIllegalArgumentException().isThrownBy(() -> LogsParameters.count("0", "limit", 100, 1, 10000))
			.withMessage("limit must be between 1 and 10000");
		assertThatIllegalArgumentException().isThrownBy(() -> LogsParameters.count("10001", "tail", 100, 0, 10000))
			.withMessage("tail must be between 0 and 10000");
		assertThatIllegalArgumentException().isThrownBy(() -> LogsParameters.time("yesterday", "since"))
			.withMessage("since must be an RFC 3339 time");
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> LogsParameters.cursor("bogus"));
	}

}
