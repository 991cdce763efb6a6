package io.envstream.standalone;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenCommandTests {

	@Test
	void readsTheUserAndEveryOptionInEitherSpelling() {
		TokenCommand.Request request = TokenCommand.Request.parse("alice", "--admin", "--team", "ops", "--ttl=30m",
				"--envstream.standalone.data-dir=/tmp/other");

		assertThat(request.user()).isEqualTo("alice");
		assertThat(request.admin()).isTrue();
		assertThat(request.team()).isEqualTo("ops");
		assertThat(request.ttl()).isEqualTo(Duration.ofMinutes(30));
		assertThat(request.settings()).containsExactly("--envstream.standalone.data-dir=/tmp/other");
	}

	@Test
	void leavesTheTimeToLiveToTheConfigurationWhenNotGiven() {
		TokenCommand.Request request = TokenCommand.Request.parse("--team=ops", "bob", "--ttl", "8h");

		assertThat(request).isEqualTo(new TokenCommand.Request("bob", "ops", false, Duration.ofHours(8), List.of()));
		assertThat(TokenCommand.Request.parse("bob").ttl()).isNull();
	}

	@Test
	void refusesWhatItCannotReadNamingTheProblem() {
		assertThatIllegalArgumentException().isThrownBy(TokenCommand.Request::parse)
			.withMessage("name the user the token is for");
		assertThatIllegalArgumentException().isThrownBy(() -> TokenCommand.Request.parse("a", "b"))
			.withMessage("one user only, not both a and b");
		assertThatIllegalArgumentException().isThrownBy(() -> TokenCommand.Request.parse("a", "--root"))
			.withMessage("unknown option --root");
		assertThatIllegalArgumentException().isThrownBy(() -> TokenCommand.Request.parse("a", "--team"))
			.withMessage("--team needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> TokenCommand.Request.parse("a", "--ttl", "soon"))
			.withMessage("--ttl soon is not a duration (30m, 8h, 7d)");
	}

}
