package io.envstream.cli.terminal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetachKeysTests {

	@Test
	void detachesOnTheWholeSequenceAcrossReads() {
		DetachKeys keys = DetachKeys.parse(DetachKeys.DEFAULT);

		assertThat(keys.feed("ls\u0010")).isEqualTo(new DetachKeys.Typed("ls", false));
		assertThat(keys.feed("\u0011")).isEqualTo(new DetachKeys.Typed("", true));
	}

	@Test
	void sendsHeldKeysOnWhenTheSequenceBreaks() {
		DetachKeys keys = DetachKeys.parse("ctrl-a,d");

		assertThat(keys.feed("\u0001x")).isEqualTo(new DetachKeys.Typed("\u0001x", false));
		assertThat(keys.feed("\u0001\u0001d")).isEqualTo(new DetachKeys.Typed("\u0001", true));
	}

	@Test
	void readsDockersNotationAndRefusesTheRest() {
		assertThat(DetachKeys.parse("ctrl-\\").feed("a\u001c")).isEqualTo(new DetachKeys.Typed("a", true));
		assertThatThrownBy(() -> DetachKeys.parse("ctrl-1")).hasMessageContaining("ctrl-1");
		assertThatThrownBy(() -> DetachKeys.parse("alt-x")).hasMessageContaining("alt-x");
	}

}
