package io.envstream.schemas.cursor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorTests {

	@Test
	void ordersByPartitionThenOffsetThenIndex() {
		List<Cursor> cursors = new ArrayList<>(List.of(new Cursor(1, 0, 0), new Cursor(0, 5, 2), new Cursor(0, 5, 0),
				new Cursor(0, Long.MAX_VALUE, 0), new Cursor(0, 4, 99)));
		Collections.shuffle(cursors);
		Collections.sort(cursors);

		assertThat(cursors).containsExactly(new Cursor(0, 4, 99), new Cursor(0, 5, 0), new Cursor(0, 5, 2),
				new Cursor(0, Long.MAX_VALUE, 0), new Cursor(1, 0, 0));
	}

	@Test
	void rejectsNegativeComponents() {
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> new Cursor(-1, 0, 0))
			.withMessage("invalid cursor: negative partition -1");
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> new Cursor(0, -1, 0))
			.withMessage("invalid cursor: negative offset -1");
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> new Cursor(0, 0, Integer.MIN_VALUE))
			.withMessage("invalid cursor: negative index -2147483648");
	}

}
