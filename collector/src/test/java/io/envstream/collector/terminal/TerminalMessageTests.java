package io.envstream.collector.terminal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TerminalMessageTests {

	@Test
	void parsesTheClientMessages() {
		assertThat(TerminalMessage.parse("{\"type\":\"input\",\"data\":\"ls -la\\r\"}"))
			.isEqualTo(new TerminalMessage.Input("ls -la\r"));
		assertThat(TerminalMessage.parse("{\"type\":\"resize\",\"cols\":120,\"rows\":30}"))
			.isEqualTo(new TerminalMessage.Resize(120, 30));
		assertThat(TerminalMessage.parse("{\"type\":\"detach\"}")).isEqualTo(new TerminalMessage.Detach());
	}

	@Test
	void refusesWhatIsNotAClientMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> TerminalMessage.parse("nope"))
			.withMessage("unparseable message");
		assertThatIllegalArgumentException().isThrownBy(() -> TerminalMessage.parse("{\"data\":\"x\"}"))
			.withMessage("message without a type");
		assertThatIllegalArgumentException().isThrownBy(() -> TerminalMessage.parse("{\"type\":\"output\",\"data\":\"x\"}"))
			.withMessage("unknown message type");
		assertThatIllegalArgumentException().isThrownBy(() -> TerminalMessage.parse("{\"type\":\"input\",\"data\":1}"))
			.withMessage("input data must be a string");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TerminalMessage.parse("{\"type\":\"resize\",\"cols\":0,\"rows\":30}"))
			.withMessage("cols must be an integer within 1..65535");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TerminalMessage.parse("{\"type\":\"detach\",\"now\":true}"))
			.withMessage("unknown field in message");
	}

	@Test
	void writesTheServerMessages() {
		assertThat(TerminalMessage.ready("s-1")).isEqualTo("{\"type\":\"ready\",\"session\":\"s-1\"}");
		assertThat(TerminalMessage.output("é\u001b[0m\n")).isEqualTo("{\"type\":\"output\",\"data\":\"é\\u001B[0m\\n\"}");
		assertThat(TerminalMessage.exit(3)).isEqualTo("{\"type\":\"exit\",\"code\":3}");
	}

}
