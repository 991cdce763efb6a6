package io.envstream.gateway.logs;

import java.time.Instant;

import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import io.envstream.schemas.cursor.InvalidCursorException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplayTargetTests {

	@Test
	void readsATimeOrACursorOfThePartition() {
		assertThat(ReplayTarget.of(new ClientMessage.Seek("2025-10-01T12:00:00.5Z", null), 3))
			.isEqualTo(new ReplayTarget(Instant.parse("2025-10-01T12:00:00.5Z"), null));
		String cursor = CursorCodec.encode(new Cursor(3, 7, 1));
		assertThat(ReplayTarget.of(new ClientMessage.Seek(null, cursor), 3)).isEqualTo(new ReplayTarget(null, new Cursor(3, 7, 1)));
	}

	@Test
	void refusesBadValuesNamingWhy() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayTarget.of(new ClientMessage.Seek("noon", null), 3))
			.withMessage("seek since must be an RFC 3339 time");
		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> ReplayTarget.of(new ClientMessage.Seek(null, "djE6MzowOjA"), 3));
		String other = CursorCodec.encode(new Cursor(4, 7, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayTarget.of(new ClientMessage.Seek(null, other), 3))
			.withMessage("cursor does not belong to this environment");
	}

}
