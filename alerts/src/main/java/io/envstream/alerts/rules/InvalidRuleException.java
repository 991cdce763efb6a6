package io.envstream.alerts.rules;

import java.util.List;

/** A rule the API refuses, with every problem found (each names its field). */
class InvalidRuleException extends RuntimeException {

	private final List<String> errors;

	InvalidRuleException(List<String> errors) {
		super("invalid alert rule: " + String.join("; ", errors));
		this.errors = List.copyOf(errors);
	}

	List<String> errors() {
		return this.errors;
	}

}
