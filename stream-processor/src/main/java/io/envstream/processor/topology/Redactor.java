package io.envstream.processor.topology;

import java.util.ArrayList;
import java.util.List;

import com.google.re2j.Matcher;

import io.envstream.schemas.serde.Utf8;

/**
 * Applies the redaction rules to one line, in order, and says which of them hid something. A line longer than the
 * scan limit is redacted in its prefix and delivered whole.
 */
final class Redactor {

	/** Kafka's default largest record (1 MiB) less room for the batch around one line. */
	static final long RECORD_SAFE_BYTES = 1024 * 1024 - 32 * 1024;

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
		List<String> rulesFired = (fired != null) ? fired : List.of();
		if (!this.limit.cuts(message)) {
			return new Redacted(text, rulesFired, Redacted.WHOLE, false);
		}
		String whole = text + message.substring(this.limit.maxChars());
		if (fired != null) {
			// The collector cut the line to fit a record; [REDACTED] may be longer than what it hides, and a line
			// grown past Kafka's default record size would make a batch record the broker refuses, at every
			// restart. Lines within the scan limit cannot grow that far; a longer one is cut back to its own
			// size then, and only then.
			long grown = Utf8.length(whole);
			long before = Utf8.length(message);
			if (grown > before && grown > RECORD_SAFE_BYTES) {
				return new Redacted(Utf8.cut(whole, before), rulesFired, this.limit.maxChars(), true);
			}
		}
		return new Redacted(whole, rulesFired, this.limit.maxChars(), false);
	}

	/**
	 * A line after redaction.
	 * @param message the line with its secrets replaced
	 * @param rules names of the rules that replaced something
	 * @param scannedChars how many characters of the original line the rules read, or {@link #WHOLE}
	 * @param cut whether the end of a long line was cut so that redaction did not make it longer
	 */
	record Redacted(String message, List<String> rules, int scannedChars, boolean cut) {

		static final int WHOLE = -1;

		Redacted with(String rule, String redactedMessage) {
			List<String> all = new ArrayList<>(this.rules);
			all.add(rule);
			return new Redacted(redactedMessage, all, this.scannedChars, this.cut);
		}

	}

}
