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
	void parsesTheReplayControls() {
		assertThat(ClientMessage.parse("{\"action\":\"seek\",\"since\":\"2025-10-01T12:00:00Z\"}"))
			.isEqualTo(new ClientMessage.Seek("2025-10-01T12:00:00Z", null));
		assertThat(ClientMessage.parse("{\"action\":\"seek\",\"resume\":\"djE6MzowOjA\"}"))
			.isEqualTo(new ClientMessage.Seek(null, "djE6MzowOjA"));
		assertThat(ClientMessage.parse("{\"action\":\"speed\",\"speed\":10}")).isEqualTo(new ClientMessage.Speed("10.0"));
		assertThat(ClientMessage.parse("{\"action\":\"speed\",\"speed\":\"max\"}")).isEqualTo(new ClientMessage.Speed("max"));
		// a value out of range is the endpoint's to refuse with an error, keeping the connection
		assertThat(ClientMessage.parse("{\"action\":\"speed\",\"speed\":1000}")).isEqualTo(new ClientMessage.Speed("1000.0"));
	}

	@Test
	void refusesEverythingElse() {
		for (String bad : new String[] { "", "nope", "[]", "{}", "{\"action\":1}", "{\"action\":\"dance\"}",
				"{\"action\":\"pause\",\"now\":true}", "{\"action\":\"resume\",\"from\":\"djE6\"}",
				"{\"action\":\"filter\"}", "{\"action\":\"filter\",\"stream\":\"stdin\"}",
				"{\"action\":\"filter\",\"grep\":5}", "{\"action\":\"seek\"}",
				"{\"action\":\"seek\",\"since\":\"2025-10-01T12:00:00Z\",\"resume\":\"djE6\"}",
				"{\"action\":\"seek\",\"since\":5}", "{\"action\":\"seek\",\"to\":\"x\"}", "{\"action\":\"speed\"}",
				"{\"action\":\"speed\",\"speed\":true}", "{\"action\":\"speed\",\"speed\":2,\"x\":1}" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> ClientMessage.parse(bad));
		}
	}

}
