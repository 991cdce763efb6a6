package io.envstream.testsupport.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PostgresFixtureTests {

	@Test
	void serverThatDoesNotAnswerFailsWithAMessageNamingTheVariableAndTheCause() {
		assertThatIllegalStateException()
				.isThrownBy(() -> PostgresFixture.connect("jdbc:postgresql://127.0.0.1:1/none", "envstream", "secret"))
				.withMessageStartingWith("no PostgreSQL answers at jdbc:postgresql://127.0.0.1:1/none "
						+ "(ENVSTREAM_TEST_JDBC_URL): Connection to 127.0.0.1:1 refused")
				.withMessageEndingWith("; unset it to use embedded PostgreSQL")
				.withMessageNotContaining("secret");
	}

	@Test
	void failureMessageLeavesThePasswordOutOfTheUrl() {
		assertThatIllegalStateException()
				.isThrownBy(() -> PostgresFixture.connect("jdbc:postgresql://127.0.0.1:1/none?password=secret&ssl=false",
						"envstream", null))
				.withMessageStartingWith("no PostgreSQL answers at jdbc:postgresql://127.0.0.1:1/none?ssl=false ")
				.withMessageNotContaining("secret");
	}

	@Test
	void passwordParameterIsRemovedWhereverItStands() {
		assertThat(JdbcUrls.withoutPassword("jdbc:postgresql://h/db?password=s")).isEqualTo("jdbc:postgresql://h/db");
		assertThat(JdbcUrls.withoutPassword("jdbc:postgresql://h/db?user=u&password=s"))
				.isEqualTo("jdbc:postgresql://h/db?user=u");
		assertThat(JdbcUrls.withoutPassword("jdbc:postgresql://h/db?user=u&PASSWORD=s&ssl=true"))
				.isEqualTo("jdbc:postgresql://h/db?user=u&ssl=true");
		assertThat(JdbcUrls.withoutPassword("jdbc:postgresql://h/db?passwordless=1"))
				.isEqualTo("jdbc:postgresql://h/db?passwordless=1");
	}

}
