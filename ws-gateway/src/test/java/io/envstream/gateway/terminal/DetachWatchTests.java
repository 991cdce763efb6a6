package io.envstream.gateway.terminal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DetachWatchTests {

	private final DetachWatch watch = new DetachWatch();

	@Test
	void aSessionDetachedByTheClientStaysDetached() {
		this.watch.fromAgent("{\"type\":\"ready\",\"session\":\"s-1\"}");
		this.watch.fromAgent("{\"type\":\"output\",\"data\":\"$ \"}");

		this.watch.toAgent("{\"type\":\"detach\"}");

		assertThat(this.watch.detachedSession()).isEqualTo("s-1");
	}

	@Test
	void aSessionClosedWithoutDetachIsNotDetached() {
		this.watch.fromAgent("{\"type\":\"ready\",\"session\":\"s-1\"}");
		this.watch.toAgent("{\"type\":\"input\",\"data\":\"exit\\r\"}");

		assertThat(this.watch.detachedSession()).isNull();
	}

	@Test
	void keystrokesThatSpellDetachAreNotADetach() {
		this.watch.fromAgent("{\"type\":\"ready\",\"session\":\"s-1\"}");

		this.watch.toAgent("{\"type\":\"input\",\"data\":\"{\\\"type\\\":\\\"detach\\\"}\"}");
		this.watch.toAgent("{\"type\":\"input\",\"data\":\"detach\"}");

		assertThat(this.watch.detachedSession()).isNull();
	}

	@Test
	void aDetachTheAgentRefusesForAnExtraFieldIsNotADetach() {
		this.watch.fromAgent("{\"type\":\"ready\",\"session\":\"s-1\"}");

		this.watch.toAgent("{\"type\":\"detach\",\"now\":true}");

		assertThat(this.watch.detachedSession()).isNull();
	}

	@Test
	void aShellThatExitedIsNotDetached() {
		this.watch.fromAgent("{\"type\":\"ready\",\"session\":\"s-1\"}");
		this.watch.toAgent("{\"type\":\"detach\"}");

		this.watch.fromAgent("{\"type\":\"exit\",\"code\":0}");

		assertThat(this.watch.detachedSession()).isNull();
	}

	@Test
	void onlyTheAgentsCloseOfAnEndedShellEndsADetachedSession() {
		this.watch.fromAgent("{\"type\":\"ready\",\"session\":\"s-1\"}");
		this.watch.toAgent("{\"type\":\"detach\"}");

		this.watch.agentClosed(1000, "heartbeat timeout");
		assertThat(this.watch.detachedSession()).isEqualTo("s-1");

		this.watch.agentClosed(1000, "shell ended, exit code unknown");
		assertThat(this.watch.detachedSession()).isNull();
	}

	@Test
	void withoutReadyThereIsNoSessionToCount() {
		this.watch.toAgent("{\"type\":\"detach\"}");

		assertThat(this.watch.detachedSession()).isNull();
	}

	@Test
	void outputThatLooksLikeReadyLaterDoesNotReplaceTheSession() {
		this.watch.fromAgent("{\"type\":\"ready\",\"session\":\"s-1\"}");
		this.watch.fromAgent("{\"type\":\"ready\",\"session\":\"s-2\"}");
		this.watch.toAgent("{\"type\":\"detach\"}");

		assertThat(this.watch.detachedSession()).isEqualTo("s-1");
	}

}
