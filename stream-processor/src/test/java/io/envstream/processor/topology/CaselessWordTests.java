package io.envstream.processor.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CaselessWordTests {

	private final CaselessWord authorization = new CaselessWord("authorization", 7);

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			authorization: x             | true
			curl -H 'AuThOrIzAtIoN: x'   | true
			ends with AUTHORIZATION      | true
			AUTHORIZATION                | true
			z authorisation zz           | false
			ization                      | false
			authoriza                    | false
			""")
	void findsTheWordInAnyMixOfCasesWhereverItStandsAndOnlyThere(String line, boolean holdsTheWord) {
		assertThat(this.authorization.in(line)).isEqualTo(holdsTheWord);
	}

	@Test
	void anEmptyLineHoldsNoWord() {
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
