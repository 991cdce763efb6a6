package io.envstream.collector.discovery;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LabelSelectorTests {

	private static final Map<String, String> BENCH_CONTAINER = Map.of("envstream.environment", "load-1",
			"envstream.bench.run", "r42", "team", "");

	@Test
	void withoutTermsTakesEveryEnvironmentContainerAndNothingElse() {
		LabelSelector all = LabelSelector.of(List.of());

		assertThat(all.matches(BENCH_CONTAINER)).isTrue();
		assertThat(all.matches(Map.of("envstream.bench.run", "r42"))).isFalse();
		assertThat(all.matches(null)).isFalse();
		assertThat(all.engineFilters()).containsExactly("envstream.environment");
	}

	@Test
	void aKeyTermNeedsTheLabelWhateverItsValue() {
		assertThat(LabelSelector.of(List.of("team")).matches(BENCH_CONTAINER)).isTrue();
		assertThat(LabelSelector.of(List.of("envstream.bench.run")).matches(BENCH_CONTAINER)).isTrue();
		assertThat(LabelSelector.of(List.of("owner")).matches(BENCH_CONTAINER)).isFalse();
	}

	@Test
	void aKeyValueTermNeedsExactlyThatValue() {
		assertThat(LabelSelector.of(List.of("envstream.bench.run=r42")).matches(BENCH_CONTAINER)).isTrue();
		assertThat(LabelSelector.of(List.of("envstream.bench.run=r4")).matches(BENCH_CONTAINER)).isFalse();
		assertThat(LabelSelector.of(List.of("envstream.bench.run=R42")).matches(BENCH_CONTAINER)).isFalse();
		assertThat(LabelSelector.of(List.of("envstream.environment=load-1")).matches(BENCH_CONTAINER)).isTrue();
		assertThat(LabelSelector.of(List.of("envstream.environment=load-2")).matches(BENCH_CONTAINER)).isFalse();
	}

	@Test
	void everyTermMustHold() {
		assertThat(LabelSelector.of(List.of("envstream.bench.run=r42", "team")).matches(BENCH_CONTAINER)).isTrue();
		assertThat(LabelSelector.of(List.of("envstream.bench.run=r42", "owner")).matches(BENCH_CONTAINER)).isFalse();
	}

	@Test
	void aValueMayHoldAnEqualsSign() {
		LabelSelector selector = LabelSelector.of(List.of("expr=a=b"));

		assertThat(selector.matches(Map.of("envstream.environment", "e", "expr", "a=b"))).isTrue();
		assertThat(selector.matches(Map.of("envstream.environment", "e", "expr", "a"))).isFalse();
	}

	@Test
	void givesTheEngineTheEnvironmentLabelAndEveryTermAsWritten() {
		assertThat(LabelSelector.of(List.of("envstream.bench.run=r42", "team")).engineFilters())
			.containsExactly("envstream.environment", "envstream.bench.run=r42", "team");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "=r42", "bench run=r42", "run=", "run\t", "run=a\nb" })
	void rejectsAMalformedTermNamingItAndTheProperty(String term) {
		assertThatIllegalArgumentException().isThrownBy(() -> LabelSelector.of(List.of("team", term)))
			.withMessageContaining("envstream.collector.label-selector")
			.withMessageContaining("'" + term + "'")
			.withMessageContaining("write key or key=value");
	}

}
