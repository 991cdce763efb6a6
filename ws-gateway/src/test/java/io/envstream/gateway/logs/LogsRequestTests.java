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
		assertThat(parse("token=x")).isEqualTo(new LogsRequest(null, 100, null, null, true));
	}

	@Test
	void readsEveryParameter() {
		String cursor = CursorCodec.encode(new Cursor(1, 2, 3));
		assertThat(parse("stream=stderr&tail=5&resume=" + cursor + "&follow=false"))
			.isEqualTo(new LogsRequest("stderr", 5, new Cursor(1, 2, 3), null, false));
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

}
