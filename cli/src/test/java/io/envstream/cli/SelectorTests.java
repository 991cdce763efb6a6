package io.envstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelectorTests {

	private static final JsonNode WEB = json("{\"id\":\"web\",\"team\":\"blue\",\"owner\":\"alice\",\"hostId\":\"h1\",\"status\":\"running\"}");

	private static final JsonNode JOB = json("{\"id\":\"job\",\"team\":null,\"owner\":\"bob\",\"hostId\":\"h2\",\"status\":\"exited\"}");

	@Test
	void everyRequirementMustHold() {
		Selector selector = Selector.parse("team=blue, status!=exited");

		assertThat(selector.matches(WEB)).isTrue();
		assertThat(selector.matches(JOB)).isFalse();
		assertThat(Selector.parse("host==h2").matches(JOB)).isTrue();
		assertThat(Selector.parse("team!=blue").matches(JOB)).as("no team is not blue").isTrue();
	}

	@Test
	void listsTheIdsThatMatch() {
		JsonNode environments = Gateway.JSON.createArrayNode().add(WEB).add(JOB);

		assertThat(Selector.parse("owner=bob").ids(environments)).containsExactly("job");
	}

	@Test
	void refusesUnknownKeysAndMalformedTerms() {
		assertThatThrownBy(() -> Selector.parse("colour=red")).hasMessageContaining("not one of id, name, image, host");
		assertThatThrownBy(() -> Selector.parse("team")).hasMessageContaining("is not key=value");
		assertThatThrownBy(() -> Selector.parse(" , ")).hasMessageContaining("empty selector");
	}

	private static JsonNode json(String text) {
		try {
			return Gateway.JSON.readTree(text);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
