package io.envstream.gateway.security;

import org.junit.jupiter.api.Test;

import static io.envstream.gateway.security.Permission.EXEC;
import static io.envstream.gateway.security.Permission.READ;
import static org.assertj.core.api.Assertions.assertThat;

class StandingTests {

	@Test
	void anOwnerMayReadAndExec() {
		assertThat(new Standing(false, true, false, false, false).permissions()).containsExactly(READ, EXEC);
	}

	@Test
	void anAdminMayReadAndExecInAnyEnvironment() {
		assertThat(new Standing(true, false, false, false, false).permissions()).containsExactly(READ, EXEC);
	}

	@Test
	void aTeamMemberMayOnlyRead() {
		assertThat(new Standing(false, false, true, false, false).permissions()).containsExactly(READ);
	}

	@Test
	void aPlainGrantMayOnlyRead() {
		assertThat(new Standing(false, false, false, true, false).permissions()).containsExactly(READ);
	}

	@Test
	void anExecGrantMayReadAndExec() {
		assertThat(new Standing(false, false, false, true, true).permissions()).containsExactly(READ, EXEC);
	}

	@Test
	void aTeamMemberWithAnExecGrantMayExec() {
		assertThat(new Standing(false, false, true, true, true).permissions()).containsExactly(READ, EXEC);
	}

	@Test
	void aStrangerMayDoNothing() {
		assertThat(new Standing(false, false, false, false, false).permissions()).isEmpty();
	}

}
