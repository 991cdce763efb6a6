package io.envstream.alerts.rules;

import java.time.Duration;
import java.util.Map;

import io.envstream.schemas.avro.AlertKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RuleDefinitionTests {

	@Test
	void aValidLogRuleKeepsOnlyTheFieldsItsKindUses() {
		RuleDefinition definition = new RuleDefinition(null, "errors", "env-a", null, AlertKind.LOG_PATTERN,
				"ERROR|FATAL", Metric.CPU_PERCENT, 90.0, null, null, 5, Duration.ofMinutes(1));

		AlertRule rule = definition.validate(9);

		assertThat(rule.id()).isEqualTo(9);
		assertThat(rule.pattern().find("level=FATAL boom")).isTrue();
		assertThat(rule.metric()).isNull();
		assertThat(rule.above()).isNull();
	}

	@Test
	void anEmptyRuleIsRefusedWithEveryProblemNamingItsField() {
		RuleDefinition definition = new RuleDefinition(null, null, null, null, null, null, null, null, null, null,
				null, null);

		assertThatExceptionOfType(InvalidRuleException.class).isThrownBy(() -> definition.validate(0))
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(
					"name: required, at most 200 characters",
					"envId or labels: exactly one selects the environments (an id, or labels they all carry)",
					"kind: required, one of LOG_PATTERN, METRIC_THRESHOLD, LIFECYCLE"));
	}

	@Test
	void aPatternRe2CannotRunIsRefusedWithTheReason() {
		RuleDefinition definition = new RuleDefinition(null, "n", null, Map.of("team", "a"), AlertKind.LOG_PATTERN,
				"(a)\\1", null, null, null, null, 1, Duration.ofSeconds(30));

		assertThatExceptionOfType(InvalidRuleException.class).isThrownBy(() -> definition.validate(0))
			.satisfies((ex) -> assertThat(ex.errors()).singleElement()
				.asString()
				.startsWith("pattern: invalid pattern: ")
				.endsWith("(RE2 syntax: no backreferences or lookaround)"));
	}

	@Test
	void aPatternThatExpandsTooFarIsRefused() {
		RuleDefinition definition = new RuleDefinition(null, "n", "env-a", null, AlertKind.LOG_PATTERN,
				"((a{100}){100})", null, null, null, null, 1, Duration.ofSeconds(30));

		assertThatExceptionOfType(InvalidRuleException.class).isThrownBy(() -> definition.validate(0))
			.satisfies((ex) -> assertThat(ex.errors()).singleElement().asString().startsWith("pattern: "));
	}

	@Test
	void bothAnIdAndLabelsIsRefused() {
		RuleDefinition definition = new RuleDefinition(null, "n", "env-a", Map.of("team", "a"), AlertKind.LIFECYCLE,
				null, null, null, null, LifecycleEvent.UNHEALTHY, null, null);

		assertThatExceptionOfType(InvalidRuleException.class).isThrownBy(() -> definition.validate(0))
			.satisfies((ex) -> assertThat(ex.errors()).singleElement().asString().startsWith("envId or labels"));
	}

	@Test
	void aRestartRuleNeedsACountAndAWindowOfWholeSeconds() {
		RuleDefinition definition = new RuleDefinition(null, "n", "env-a", null, AlertKind.LIFECYCLE, null, null,
				null, null, LifecycleEvent.RESTARTING, 0, Duration.ofMillis(1500));

		assertThatExceptionOfType(InvalidRuleException.class).isThrownBy(() -> definition.validate(0))
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly("atLeast: required, 1 or more",
					"window: required, whole seconds from PT1S to P1D"));
	}

	@Test
	void aMetricRuleNeedsAMetricAThresholdAndADuration() {
		RuleDefinition definition = new RuleDefinition(null, "n", "env-a", null, AlertKind.METRIC_THRESHOLD, null,
				null, Double.NaN, null, null, null, null);

		assertThatExceptionOfType(InvalidRuleException.class).isThrownBy(() -> definition.validate(0))
			.satisfies((ex) -> assertThat(ex.errors()).hasSize(3));
	}

}
