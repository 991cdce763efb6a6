package io.envstream.alerts.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.envstream.schemas.avro.AlertKind;

/**
 * A rule as a client writes it in {@code POST /api/v1/alert-rules} (and as the API returns it, with its id).
 * Durations are ISO-8601 ({@code PT1M}).
 */
public record RuleDefinition(Long id, String name, String envId, Map<String, String> labels, AlertKind kind,
		String pattern, Metric metric, Double above, Duration forDuration, LifecycleEvent event, Integer atLeast,
		Duration window) {

	static final Duration MIN_WINDOW = Duration.ofSeconds(1);

	static final Duration MAX_WINDOW = Duration.ofDays(1);

	static final int MAX_NAME_LENGTH = 200;

	static RuleDefinition of(AlertRule rule) {
		return new RuleDefinition(rule.id(), rule.name(), rule.envId(), rule.labels(), rule.kind(),
				(rule.pattern() != null) ? rule.pattern().toString() : null, rule.metric(), rule.above(),
				rule.forDuration(), rule.event(), rule.atLeast(), rule.window());
	}

	/**
	 * The rule, checked.
	 * @throws InvalidRuleException listing every problem, each naming its field
	 */
	AlertRule validate(long ruleId) {
		List<String> errors = new ArrayList<>();
		Map<String, String> selector = Objects.requireNonNullElse(this.labels, Map.of());
		if (this.name == null || this.name.isBlank() || this.name.length() > MAX_NAME_LENGTH) {
			errors.add("name: required, at most " + MAX_NAME_LENGTH + " characters");
		}
		if ((this.envId == null || this.envId.isBlank()) == selector.isEmpty()) {
			errors.add("envId or labels: exactly one selects the environments (an id, or labels they all carry)");
		}
		if (selector.entrySet().stream().anyMatch((label) -> label.getKey().isBlank() || label.getValue() == null)) {
			errors.add("labels: keys must not be blank, values must not be null");
		}
		LogPattern compiled = null;
		if (this.kind == null) {
			errors.add("kind: required, one of LOG_PATTERN, METRIC_THRESHOLD, LIFECYCLE");
		}
		else if (this.kind == AlertKind.LOG_PATTERN) {
			compiled = pattern(errors);
			requireWindowedCount(errors);
		}
		else if (this.kind == AlertKind.METRIC_THRESHOLD) {
			require(errors, this.metric != null, "metric: required, one of CPU_PERCENT, MEMORY_BYTES, MEMORY_PERCENT, PIDS");
			require(errors, this.above != null && Double.isFinite(this.above), "above: required, a finite number");
			require(errors, this.forDuration != null && !this.forDuration.isNegative()
					&& this.forDuration.compareTo(MAX_WINDOW) <= 0, "forDuration: required, from PT0S to P1D");
		}
		else {
			require(errors, this.event != null, "event: required, one of EXITED_NON_ZERO, UNHEALTHY, RESTARTING");
			if (this.event == LifecycleEvent.RESTARTING) {
				requireWindowedCount(errors);
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRuleException(errors);
		}
		boolean counted = this.kind == AlertKind.LOG_PATTERN || this.event == LifecycleEvent.RESTARTING;
		boolean metered = this.kind == AlertKind.METRIC_THRESHOLD;
		return new AlertRule(ruleId, this.name, selector.isEmpty() ? this.envId : null, selector, this.kind, compiled,
				metered ? this.metric : null, metered ? this.above : null, metered ? this.forDuration : null,
				(this.kind == AlertKind.LIFECYCLE) ? this.event : null, counted ? this.atLeast : null,
				counted ? this.window : null);
	}

	private LogPattern pattern(List<String> errors) {
		if (this.pattern == null || this.pattern.isEmpty()) {
			errors.add("pattern: required, an RE2 regular expression");
			return null;
		}
		try {
			return LogPattern.compile(this.pattern);
		}
		catch (IllegalArgumentException ex) {
			errors.add("pattern: " + ex.getMessage());
			return null;
		}
	}

	private void requireWindowedCount(List<String> errors) {
		require(errors, this.atLeast != null && this.atLeast >= 1, "atLeast: required, 1 or more");
		require(errors, this.window != null && this.window.compareTo(MIN_WINDOW) >= 0
				&& this.window.compareTo(MAX_WINDOW) <= 0 && this.window.toMillis() % 1000 == 0,
				"window: required, whole seconds from PT1S to P1D");
	}

	private static void require(List<String> errors, boolean valid, String error) {
		if (!valid) {
			errors.add(error);
		}
	}

}
