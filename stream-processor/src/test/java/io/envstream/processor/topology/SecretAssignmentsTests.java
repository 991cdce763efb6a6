package io.envstream.processor.topology;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretAssignmentsTests {

	/** Every key ending, in several cases and forms, before each separator. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "password=x", "DB_PASSWD: x", "passphrase = x", "ssh Passphrase: x", "DB_PASS=x",
			"pwd=x", "API_SECRET=x", "GITHUB_TOKEN=x", "api_key: x", "credential=x", "CREDENTIALS: x", "DB_PASſ=x",
			"{\"password\":\"x\"}", "{\"msg\":\"{\\\"token\\\":\\\"x\\\"}\"}", "ts=1 seq=2 items=3 api_token: x" })
	void findsAKeyEndingBeforeASeparator(String line) {
		assertThat(SecretAssignments.mayMatch(line)).isTrue();
	}

	/** Keys ending in a key ending's last letter (s, d, t, n, y, l, e) but not in a key ending. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "status=200 items=3 duration=5ms", "ts=1 seq=2", "{\"level\":\"info\",\"ts\":\"now\"}",
			"elapsed=3 count=4 entry=5 label=6 name=7", "no separator after password here", "password" })
	void passesOverOtherKeys(String line) {
		assertThat(SecretAssignments.mayMatch(line)).isFalse();
	}

}
