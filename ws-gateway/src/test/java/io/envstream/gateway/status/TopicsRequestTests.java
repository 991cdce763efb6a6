package io.envstream.gateway.status;

import java.util.Set;

import io.envstream.gateway.status.TopicsRequest.Topic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicsRequestTests {

	@Test
	void parsesSubscribeAndUnsubscribeWithTheirTopics() {
		assertThat(TopicsRequest.parse("{\"action\":\"subscribe\",\"topics\":[\"status\",\"metrics\"]}"))
			.isEqualTo(new TopicsRequest(true, Set.of(Topic.STATUS, Topic.METRICS)));
		assertThat(TopicsRequest.parse("{\"topics\":[\"metrics\"],\"action\":\"unsubscribe\"}"))
			.isEqualTo(new TopicsRequest(false, Set.of(Topic.METRICS)));
		assertThat(TopicsRequest.parse("{\"action\":\"subscribe\",\"topics\":[\"alerts\"]}"))
			.isEqualTo(new TopicsRequest(true, Set.of(Topic.ALERTS)));
		assertThat(TopicsRequest.parse("{\"action\":\"unsubscribe\",\"topics\":[\"alerts\",\"status\",\"metrics\"]}"))
			.isEqualTo(new TopicsRequest(false, Set.of(Topic.ALERTS, Topic.STATUS, Topic.METRICS)));
	}

	@Test
	void namesWhatIsWrongWithAnythingElse() {
		assertThatIllegalArgumentException().isThrownBy(() -> TopicsRequest.parse("{\"action\":\"pause\"}"))
			.withMessage("unknown action \"pause\" (subscribe, unsubscribe)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TopicsRequest.parse("{\"action\":\"subscribe\",\"topics\":[\"logs\"]}"))
			.withMessage("unknown topic \"logs\" (status, metrics, alerts)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TopicsRequest.parse("{\"action\":\"subscribe\",\"topics\":[]}"))
			.withMessage("subscribe needs a non-empty topics array");
		assertThatIllegalArgumentException().isThrownBy(() -> TopicsRequest.parse("not json"))
			.withMessage("unparseable message");
		for (String bad : new String[] { "", "[]", "{}", "{\"action\":1}", "{\"action\":\"subscribe\"}",
				"{\"action\":\"subscribe\",\"topics\":\"status\"}", "{\"action\":\"subscribe\",\"topics\":[1]}",
				"{\"action\":\"subscribe\",\"topics\":[\"status\",\"status\"]}",
				"{\"action\":\"unsubscribe\",\"topics\":[\"Metrics\"]}",
				"{\"action\":\"subscribe\",\"topics\":[\"alert\"]}",
				"{\"action\":\"subscribe\",\"topics\":[\"alerts\",\"alerts\"]}",
				"{\"action\":\"subscribe\",\"topics\":[\"status\"],\"extra\":true}" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> TopicsRequest.parse(bad));
		}
	}

	@Test
	void keepsClientTextInAReasonShort() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TopicsRequest.parse("{\"action\":\"" + "x".repeat(500) + "\"}"))
			.satisfies((ex) -> assertThat(ex.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8))
				.hasSizeLessThanOrEqualTo(123));
	}

}
