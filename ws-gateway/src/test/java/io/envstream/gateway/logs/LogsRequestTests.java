package io.envstream.gateway.logs;

import java.net.URI;
import java.time.Instant;

import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import io.envstream.schemas.cursor.InvalidCursorException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LogsRequestTests {

	private static LogsRequest parse(String query) {
		return LogsRequest.parse(URI.create("ws://h/api/v1/ws/environments/e/logs?" + query), 100, 10000);
	}

	@Test
	void appliesDefaults() {
		assertThat(parse("token=x")).isEqualTo(new LogsRequest(null, 100, null, null, true, null));
	}

	@Test
	void readsEveryParameter() {
		String cursor = CursorCodec.encode(new Cursor(1, 2, 3));
		assertThat(parse("stream=stderr&tail=5&resume=" + cursor + "&follow=false"))
			.isEqualTo(new LogsRequest("stderr", 5, new Cursor(1, 2, 3), null, false, null));
		assertThat(parse("since=2025-10-01T12:00:00.123Z").since()).isEqualTo(Instant.parse("2025-10-01T12:00:00.123Z"));
		assertThat(parse("stream=all").stream()).isNull();
	}

	@Test
	void refusesBadValuesNamingTheParameter() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("tail=10001")).withMessageContaining("tail");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("tail=-1")).withMessageContaining("tail");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("tail=x")).withMessageContaining("tail");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("stream=stdin")).withMessageContaining("stream");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("since=yesterday")).withMessageContaining("since");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("follow=maybe")).withMessageContaining("follow");
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> parse("resume=djE6MzowOjA"));
	}

	@Test
	void readsAReplayFromSinceOrResume() {
		String cursor = CursorCodec.encode(new Cursor(1, 2, 3));
		assertThat(parse("since=2025-10-01T12:00:00Z&speed=10&until=2025-10-01T13:00:00Z").replay())
			.isEqualTo(new ReplayRequest(new ReplaySpeed(10), Instant.parse("2025-10-01T13:00:00Z")));
		assertThat(parse("resume=" + cursor + "&speed=0.25").replay()).isEqualTo(new ReplayRequest(new ReplaySpeed(0.25), null));
		assertThat(parse("since=2025-10-01T12:00:00Z&speed=max").replay().speed().isMax()).isTrue();
		assertThat(parse("since=2025-10-01T12:00:00Z&until=2025-10-01T13:00:00Z").replay().speed())
			.isEqualTo(ReplaySpeed.AS_FAST_AS_POSSIBLE);
		assertThat(parse("since=2025-10-01T12:00:00Z").replay()).isNull();
	}

	@Test
	void refusesBadReplayValuesNamingTheParameter() {
		String since = "since=2025-10-01T12:00:00Z&";
		assertThatIllegalArgumentException().isThrownBy(() -> parse(since + "speed=0.1"))
			.withMessage("speed must be a number from 0.25 to 100, or max");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(since + "speed=101")).withMessageContaining("speed");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(since + "speed=fast")).withMessageContaining("speed");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(since + "speed=NaN")).withMessageContaining("speed");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("speed=10")).withMessage("speed needs since or resume");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("until=2025-10-01T13:00:00Z"))
			.withMessage("until needs since or resume");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(since + "speed=2&until=soon"))
			.withMessage("until must be an RFC 3339 time");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(since + "until=2025-10-01T11:00:00Z"))
			.withMessage("until must be after since");
	}

}
