package io.envstream.gateway.logs;

import com.google.re2j.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegexSizeTests {

	@ParameterizedTest
	@ValueSource(strings = { "abc", "a|b|c", "(a|bc)*d+e?", "(a{3}){4}", "((a{10}){10}){2}", "x{2,7}", "x{5,}",
			"[a-z]{3}\\d{2,4}", "(?i)(warn|error){2}", "\\Qa{100}\\E", "[{]{3}", "\\p{Greek}{20}", "((ab){2,3}|c{4}){5}",
			"(.*a){20}", ".{1000}", "(?:(?:a{0,10}){10})", "a{,5}" })
	void estimatesAtLeastTheCompiledSizeAndNotMuchMore(String regex) {
		int compiled = Pattern.compile(regex).programSize();
		assertThat(RegexSize.estimate(regex)).isGreaterThanOrEqualTo(compiled).isLessThanOrEqualTo(3L * compiled + 10);
	}

	@Test
	void multipliesNestedRepeatsWithoutOverflowing() {
		assertThat(RegexSize.estimate("((a{1000}){1000}){1000}")).isGreaterThan(1_000_000_000L);
		assertThat(RegexSize.estimate("((((((((a{1000}){1000}){1000}){1000}){1000}){1000}){1000}){1000})"))
			.isPositive();
	}

}
