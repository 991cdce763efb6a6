package io.envstream.processor.topology;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaselessWordTests {

	private final CaselessWord authorization = new CaselessWord("authorization", 7);

	@Test
	void findsTheWordInAnyMixOfCasesWhereverItStands() {
		assertThat(this.authorization.in("authorization: x")).isTrue();
		assertThat(this.authorization.in("curl -H 'AuThOrIzAtIoN: x'")).isTrue();
		assertThat(this.authorization.in("ends with AUTHORIZATION")).isTrue();
		assertThat(this.authorization.in("AUTHORIZATION")).isTrue();
	}

	@Test
	void aLineWithTheAnchorLetterButNotTheWordHasNoMatch() {
		assertThat(this.authorization.in("z authorisation zz")).isFalse();
		assertThat(this.authorization.in("ization")).isFalse();
		assertThat(this.authorization.in("authoriza")).isFalse();
		assertThat(this.authorization.in("")).isFalse();
	}

	@Test
	void takesForTheAnchorLetterEveryCharacterRegionMatchesDoes() {
		CaselessWord cookie = new CaselessWord("cookie", 3);
		for (char c = 0; c < Character.MAX_VALUE; c++) {
			String line = "set-coo" + c + "ie: x";
			assertThat(cookie.in(line)).as("U+%04X", (int) c).isEqualTo(line.regionMatches(true, 4, "cookie", 0, 6));
		}
		assertThat(cookie.in("Set-Coo\u212aie: x")).as("the Kelvin sign folds to k").isTrue();
	}

}
