package io.envstream.gateway.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientMessageTests {

	@Test
	void parsesTheThreeActions() {
		assertThat(ClientMessage.parse("{\"action\":\"pause\"}")).isEqualTo(new ClientMessage.Pause());
		assertThat(ClientMessage.parse("{\"action\":\"resume\"}")).isEqualTo(new ClientMessage.Resume(false));
		assertThat(ClientMessage.parse("{\"action\":\"resume\",\"from\":\"live\"}")).isEqualTo(new ClientMessage.Resume(true));
		assertThat(ClientMessage.parse("{\"action\":\"filter\",\"stream\":\"stderr\"}"))
			.isEqualTo(new ClientMessage.Filter("stderr", null));
		assertThat(ClientMessage.parse("{\"action\":\"filter\",\"grep\":\"\"}")).isEqualTo(new ClientMessage.Filter(null, ""));
	}

	@Test
	void refusesEverythingElse() {
		for (String bad : new String[] { "", "nope", "[]", "{}", "{\"action\":1}", "{\"action\":\"dance\"}",
				"{\"action\":\"pause\",\"now\":true}", "{\"action\":\"resume\",\"from\":\"djE6\"}",
				"{\"action\":\"filter\"}", "{\"action\":\"filter\",\"stream\":\"stdin\"}",
				"{\"action\":\"filter\",\"grep\":5}" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> ClientMessage.parse(bad));
		}
	}

}
