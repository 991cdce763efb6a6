package io.envstream.processor.topology;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline of {@link RedactionBenchmark}: the built-in rules as they ran before RE2/J (java.util.regex, fewer
 * rules), applied the same way. Kept only to measure the new rules against on the same lines.
 */
final class LegacyRedaction {

	private static final String SECRET_KEYS = "(?:p(?:assw(?:or)?d|wd|rivate[_-]?key)|s(?:ecret(?:[_-]?key)?)"
			+ "|t(?:oken)|a(?:pi[_-]?key|pikey|cc(?:ess|ount)[_-]?key)|c(?:lient[_-]?secret|redentials?))";

	private record Rule(Pattern pattern, String replacement, Predicate<String> mayMatch) {
	}

	private static final List<Rule> RULES = List.of(
			new Rule(Pattern.compile(
					"(?i)(" + SECRET_KEYS + "[\"']?\\s*[=:]\\s*)(?:([\"'])(?:(?!\\2).)*\\2|[^\\s\"',;&}]+)"),
					"$1$2" + RedactionRule.REDACTED + "$2", SecretAssignments::mayMatch),
			new Rule(Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9\\-._~+/]{8,}=*"), "$1" + RedactionRule.REDACTED,
					new CaselessWord("bearer", 0)::in),
			rule("(://[^/\\s:@]+:)[^/\\s@]+@", "$1" + RedactionRule.REDACTED + "@", "://"),
			rule("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+", RedactionRule.REDACTED, "eyJ"),
			rule("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", RedactionRule.REDACTED, "AKIA", "ASIA"),
			rule("\\bAIza[0-9A-Za-z_-]{35}\\b", RedactionRule.REDACTED, "AIza"),
			rule("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b", RedactionRule.REDACTED, "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
			rule("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----",
					RedactionRule.REDACTED, "PRIVATE KEY"));

	private LegacyRedaction() {
	}

	static String redact(String message) {
		String text = message;
		for (Rule rule : RULES) {
			if (rule.mayMatch().test(text)) {
				Matcher matcher = rule.pattern().matcher(text);
				if (matcher.find()) {
					text = matcher.replaceAll(rule.replacement());
				}
			}
		}
		return text;
	}

	private static Rule rule(String regex, String replacement, String... literals) {
		return new Rule(Pattern.compile(regex), replacement, (line) -> {
			for (String literal : literals) {
				if (line.contains(literal)) {
					return true;
				}
			}
			return false;
		});
	}

}
