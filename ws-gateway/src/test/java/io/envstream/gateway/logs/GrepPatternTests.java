package io.envstream.gateway.logs;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GrepPatternTests {

	@Test
	void findsMatchesAnywhereInTheLine() {
		GrepPattern pattern = GrepPattern.compile("err(or)?", 10_000);
		assertThat(pattern.find("an error happened")).isTrue();
		assertThat(pattern.find("all fine")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "(a+)+$", "(x+x+)+y", "(a|aa)+$", "(.*a){20}", "(a|a)*b", "^(([a-z])+.)+[A-Z]([a-z])+$" })
	void answersCatastrophicPatternsOnLongLinesAtOnce(String regex) {
		GrepPattern pattern = GrepPattern.compile(regex, 65_536);
		long started = System.nanoTime();
		pattern.find("a".repeat(30_000) + "!");
		pattern.find("x".repeat(30_000));
		// a backtracking engine takes longer than the universe's age here; a second is slack for a busy machine
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void matchesALongLineOnItsFirstMaxCharsOnly() {
		GrepPattern needle = GrepPattern.compile("needle", 100);
		assertThat(needle.find("x".repeat(94) + "needle")).isTrue();
		assertThat(needle.find("x".repeat(95) + "needle")).isFalse();
		assertThat(GrepPattern.compile("x$", 100).find("x".repeat(100) + "y")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "(a)\\1", "(?=a)", "(?!a)b", "(?<=a)b", "(?<!a)b", "a++", "([a-z" })
	void refusesWhatRe2CannotCompileSayingWhy(String regex) {
		assertThatIllegalArgumentException().isThrownBy(() -> GrepPattern.compile(regex, 1000))
			.withMessageStartingWith("invalid regex: ")
			.withMessageEndingWith("(RE2 syntax: no backreferences or lookaround)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "((a{100}){100}){100}", "((a{1000}){1000}){1000}", "(a{100}){100}", "(\\w{1000}){1000}",
			".{501}", "(.*.*.*.*.*.*.*.*.*.*){50}" })
	void refusesPatternsThatCompileTooLargeBeforeTheyCostMemory(String regex) {
		long started = System.nanoTime();
		assertThatIllegalArgumentException().isThrownBy(() -> GrepPattern.compile(regex, 1000))
			.withMessageStartingWith("regex too large: ")
			.withMessageEndingWith("instructions, at most 500 (lower its repeat counts)");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "(?i)error|warn(ing)?|fatal",
			"\\d+\\.\\d+\\.\\d+\\.\\d+", "\\Q(a{1000})\\E", "[{}(]{2}", "a{,5}", "\\x{41}\\p{Greek}\\pL", "[[:alpha:]]{100}",
			"(?P<level>INFO|WARN)\\s+\\[[^]]*\\]" })
	void acceptsEverydayPatterns(String regex) {
		assertThat(GrepPattern.compile(regex, 1000)).isNotNull();
	}

	@Test
	void refusesOverlongPatterns() {
		assertThatIllegalArgumentException().isThrownBy(() -> GrepPattern.compile("a".repeat(1001), 1000))
			.withMessageContaining("longer than 1000 characters");
	}

	@Test
	void equalForTheSameRegexAndPrefixLengthOnly() {
		assertThat(GrepPattern.compile("err(or)?", 100)).isEqualTo(GrepPattern.compile("err(or)?", 100))
			.hasSameHashCodeAs(GrepPattern.compile("err(or)?", 100))
			.isNotEqualTo(GrepPattern.compile("err(or)?", 200))
			.isNotEqualTo(GrepPattern.compile("error", 100));
	}

}
