package io.envstream.processor.topology;

import java.util.List;

/** The drop rules, global and per environment; the first that matches a line drops it. */
final class LineFilter {

	private final List<DropRule> rules;

	LineFilter(List<DropRule> rules) {
		this.rules = List.copyOf(rules);
	}

	/** The rule that drops this line of this environment, or {@code null} when the line is kept. */
	DropRule match(String environmentId, String message) {
		for (DropRule rule : this.rules) {
			if (rule.drops(environmentId, message)) {
				return rule;
			}
		}
		return null;
	}

}
