package io.envstream.processor.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/** Applies the redaction rules to one line, in order, and says which of them hid something. */
final class Redactor {

	private final List<RedactionRule> rules;

	Redactor(List<RedactionRule> rules) {
		this.rules = List.copyOf(rules);
	}

	Redacted redact(String message) {
		String text = message;
		List<String> fired = null;
		for (RedactionRule rule : this.rules) {
			if (!rule.mayMatch().test(text)) {
				continue;
			}
			Matcher matcher = rule.pattern().matcher(text);
			if (matcher.find()) {
				text = matcher.replaceAll(rule.replacement());
				if (fired == null) {
					fired = new ArrayList<>(2);
				}
				fired.add(rule.name());
			}
		}
		return new Redacted(text, (fired != null) ? fired : List.of());
	}

	/**
	 * A line after redaction.
	 * @param message the line with its secrets replaced
	 * @param rules names of the rules that replaced something
	 */
	record Redacted(String message, List<String> rules) {

		Redacted with(String rule, String redactedMessage) {
			List<String> all = new ArrayList<>(this.rules);
			all.add(rule);
			return new Redacted(redactedMessage, all);
		}

	}

}
