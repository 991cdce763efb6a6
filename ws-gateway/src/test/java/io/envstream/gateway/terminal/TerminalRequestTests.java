package io.envstream.gateway.terminal;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TerminalRequestTests {

	private static TerminalRequest parse(String query) {
		return TerminalRequest.parse(URI.create("ws://gw/api/v1/ws/environments/e/terminal" + query));
	}

	@Test
	void readsSizeCommandAndSession() {
		assertThat(parse("?cols=120&rows=30&cmd=%2Fbin%2Fsh%20-l&session=a1_B-2"))
			.isEqualTo(new TerminalRequest(120, 30, "/bin/sh -l", "a1_B-2"));
	}

	@Test
	void leavesWhatIsNotGivenToTheAgent() {
		assertThat(parse("")).isEqualTo(new TerminalRequest(0, 0, null, null));
	}

	@Test
	void refusesABadSize() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("?cols=0&rows=30"))
			.withMessage("cols must be an integer between 1 and 65535");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("?cols=80&rows=65536"))
			.withMessage("rows must be an integer between 1 and 65535");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("?cols=wide&rows=30"))
			.withMessage("cols must be an integer between 1 and 65535");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("?cols=80"))
			.withMessage("cols and rows go together");
	}

	@Test
	void refusesASessionOutsideThePattern() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("?session=a.b"))
			.withMessage("session must match [A-Za-z0-9_-]{1,128}");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("?session=" + "x".repeat(129)))
			.withMessage("session must match [A-Za-z0-9_-]{1,128}");
	}

	@Test
	void refusesABlankCommand() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("?cmd=%20"))
			.withMessageStartingWith("cmd must be a non-blank command");
	}

}
