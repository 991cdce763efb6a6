package io.envstream.processor.topology;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Replaces every match of {@code pattern} in a line with {@code replacement} (which may use {@code $1}-style
 * group references; a group that did not take part in the match inserts nothing).
 *
 * @param name names the rule in the entry's {@code redacted} metadata and in metrics
 * @param pattern what to hide
 * @param replacement what to put instead
 * @param mayMatch a cheap test a line must pass for the pattern to be tried at all
 */
public record RedactionRule(String name, Pattern pattern, String replacement, Predicate<String> mayMatch) {

	public RedactionRule(String name, Pattern pattern, String replacement) {
		this(name, pattern, replacement, (line) -> true);
	}

	/** Written in place of a secret. */
	public static final String REDACTED = "[REDACTED]";

	/**
	 * password, passwd, pwd, private key, secret, secret key, token, api key, apikey, access key, account key,
	 * client secret, credential(s); grouped by first letter, because the regex engine tries this at every character
	 * of every line.
	 */
	private static final String SECRET_KEYS = "(?:p(?:assw(?:or)?d|wd|rivate[_-]?key)|s(?:ecret(?:[_-]?key)?)"
			+ "|t(?:oken)|a(?:pi[_-]?key|pikey|cc(?:ess|ount)[_-]?key)|c(?:lient[_-]?secret|redentials?))";

	/**
	 * The rules applied unless turned off: {@code key=value} secrets (also {@code key: value} and JSON
	 * {@code "key":"value"}, for keys ending in password, secret, token, api key, access key, ...), bearer tokens,
	 * passwords in URLs, JWTs, AWS access key ids, Google API keys, GitHub tokens and PEM private keys on one line.
	 * Private key blocks spread over several lines are redacted by the topology itself.
	 */
	public static List<RedactionRule> defaults() {
		return List.of(
				// starts at the key word itself: a key is any name ending in it
				new RedactionRule("secret-assignment", Pattern.compile(
						"(?i)(" + SECRET_KEYS + "[\"']?\\s*[=:]\\s*)(?:([\"'])(?:(?!\\2).)*\\2|[^\\s\"',;&}]+)"),
						"$1$2" + REDACTED + "$2", SecretAssignments::mayMatch),
				new RedactionRule("bearer-token", Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9\\-._~+/]{8,}=*"),
						"$1" + REDACTED, (line) -> containsIgnoringCase(line, "bearer")),
				rule("url-password", "(://[^/\\s:@]+:)[^/\\s@]+@", "$1" + REDACTED + "@", "://"),
				rule("jwt", "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+", REDACTED, "eyJ"),
				rule("aws-access-key-id", "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", REDACTED, "AKIA", "ASIA"),
				rule("google-api-key", "\\bAIza[0-9A-Za-z_-]{35}\\b", REDACTED, "AIza"),
				rule("github-token", "\\bgh[pousr]_[A-Za-z0-9]{36,}\\b", REDACTED, "ghp_", "gho_", "ghu_", "ghs_",
						"ghr_"),
				rule("private-key",
						"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----",
						REDACTED, "PRIVATE KEY"));
	}

	/**
	 * Whether {@code line} contains {@code word} (lower case ASCII) in any mix of cases: two scans for
	 * its first letter, fast intrinsics, then a comparison only where that letter stands.
	 */
	static boolean containsIgnoringCase(String line, String word) {
		char lower = word.charAt(0);
		char upper = Character.toUpperCase(lower);
		return containsAt(line, word, lower) || containsAt(line, word, upper);
	}

	private static boolean containsAt(String line, String word, char first) {
		for (int at = line.indexOf(first); at >= 0; at = line.indexOf(first, at + 1)) {
			if (line.regionMatches(true, at, word, 0, word.length())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A rule tried only on lines containing one of {@code literals}: a substring search is far cheaper than a
	 * pattern that starts with a word boundary or a group, which the regex engine tries at every character.
	 */
	private static RedactionRule rule(String name, String regex, String replacement, String... literals) {
		return new RedactionRule(name, Pattern.compile(regex), replacement, (line) -> {
			for (String literal : literals) {
				if (line.contains(literal)) {
					return true;
				}
			}
			return false;
		});
	}

}
