package io.envstream.processor.topology;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Replaces every match of {@code pattern} in a line with {@code replacement} (which may use {@code $1}-style
 * group references; a group that did not take part in the match inserts nothing).
 *
 * @param name names the rule in the entry's {@code redacted} metadata and in metrics
 * @param pattern what to hide
 * @param replacement what to put instead
 */
public record RedactionRule(String name, Pattern pattern, String replacement) {

	/** Written in place of a secret. */
	public static final String REDACTED = "[REDACTED]";

	private static final String SECRET_KEYS = "(?:password|passwd|pwd|secret|token|api[_-]?key|apikey"
			+ "|access[_-]?key|secret[_-]?key|private[_-]?key|account[_-]?key|client[_-]?secret|credentials?)";

	/**
	 * The rules applied unless turned off: {@code key=value} secrets (also {@code key: value} and JSON
	 * {@code "key":"value"}, for keys ending in password, secret, token, api key, access key, ...), bearer tokens,
	 * passwords in URLs, JWTs, AWS access key ids, Google API keys, GitHub tokens and PEM private keys on one line.
	 * Private key blocks spread over several lines are redacted by the topology itself.
	 */
	public static List<RedactionRule> defaults() {
		return List.of(
				rule("secret-assignment",
						"(?i)(\\b[\\w.-]*?" + SECRET_KEYS + "[\"']?\\s*[=:]\\s*)(?:([\"'])(?:(?!\\2).)*\\2|[^\\s\"',;&}]+)",
						"$1$2" + REDACTED + "$2"),
				rule("bearer-token", "(?i)\\b(bearer\\s+)[A-Za-z0-9\\-._~+/]{8,}=*", "$1" + REDACTED),
				rule("url-password", "(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:)[^/\\s@]+@", "$1" + REDACTED + "@"),
				rule("jwt", "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+", REDACTED),
				rule("aws-access-key-id", "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", REDACTED),
				rule("google-api-key", "\\bAIza[0-9A-Za-z_-]{35}\\b", REDACTED),
				rule("github-token", "\\bgh[pousr]_[A-Za-z0-9]{36,}\\b", REDACTED),
				rule("private-key",
						"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----",
						REDACTED));
	}

	private static RedactionRule rule(String name, String regex, String replacement) {
		return new RedactionRule(name, Pattern.compile(regex), replacement);
	}

}
