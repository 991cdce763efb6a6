package io.envstream.processor.topology;

import java.util.ArrayList;
import java.util.List;

import com.google.re2j.Matcher;

/**
 * Applies the redaction rules to one line, in order, and says which of them hid something. A line longer than the
 * scan limit is redacted in its prefix and delivered whole.
 */
final class Redactor {

	private final List<RedactionRule> rules;

	private final ScanLimit limit;

	Redactor(List<RedactionRule> rules, ScanLimit limit) {
		this.rules = List.copyOf(rules);
		this.limit = limit;
	}

	Redacted redact(String message) {
		String text = this.limit.prefix(message);
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
		if (this.limit.cuts(message)) {
			return new Redacted(text + message.substring(this.limit.maxChars()),
					(fired != null) ? fired : List.of(), this.limit.maxChars());
		}
		return new Redacted(text, (fired != null) ? fired : List.of(), Redacted.WHOLE);
	}

	/**
	 * A line after redaction.
	 * @param message the line with its secrets replaced
	 * @param rules names of the rules that replaced something
	 * @param scannedChars how many characters of the original line the rules read, or {@link #WHOLE}
	 */
	record Redacted(String message, List<String> rules, int scannedChars) {

		static final int WHOLE = -1;

		Redacted with(String rule, String redactedMessage) {
			List<String> all = new ArrayList<>(this.rules);
			all.add(rule);
			return new Redacted(redactedMessage, all, this.scannedChars);
		}

	}

}
