package io.envstream.processor.topology;

import java.util.List;
import java.util.function.Predicate;

import com.google.re2j.Pattern;

/**
 * Replaces every match of {@code pattern} in a line with {@code replacement} (which may use {@code $1}-style
 * group references; a group that did not take part in the match inserts nothing).
 * <p>
 * Patterns are RE2/J: matching takes time linear in the line whatever the pattern and the line, so a crafted line
 * cannot stall the topology (a backtracking engine overflowed its stack on one). RE2 has no backreferences and no
 * lookaround; the built-in rules are written without them.
 *
 * @param name names the rule in the entry's {@code redacted} metadata, in metrics and in
 * {@code envstream.processor.redaction.disabled}
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

	/** The rule that hides PEM private keys, on one line here and over several lines in {@link PrivateKeyBlocks}. */
	public static final String PRIVATE_KEY = "private-key";

	/**
	 * Names whose value is a secret: password, passwd, passphrase, {@code *_PASS}, pwd, secret, secret key, token,
	 * api key, apikey, access key, account key, private key, client secret, credential(s). A key is any name ending
	 * in one of them ({@code DB_PASSWORD}, {@code GITHUB_TOKEN}); {@code pass} only after {@code _ - .}, because
	 * "tests pass: 3" is not a secret.
	 */
	private static final String SECRET_KEYS = "(?:passw(?:or)?d|passphrase|[_.-]pass|pwd|secret(?:[_-]?key)?|token"
			+ "|api[_-]?key|apikey|acc(?:ess|ount)[_-]?key|private[_-]?key|client[_-]?secret|credentials?)";

	/** Between a key and its value: an optional closing quote (escaped inside a JSON string), then = or :. */
	private static final String SEPARATOR = "(?:\\\\?[\"'])?\\s*[=:]\\s*";

	/**
	 * A value: double-quoted with backslash escapes (so {@code "ab\"cd"} is one value), single-quoted, quoted with
	 * escaped quotes (JSON inside a JSON string), or bare up to a space, a quote, {@code &} or <code>}</code> (so
	 * {@code ab;cd} and {@code ab,cd} are hidden whole). A quoted value cut off by the end of the line is hidden to
	 * the end. Groups 2, 3 and 4 hold whichever quote opened it.
	 */
	private static final String VALUE = "(?:(\")(?:[^\"\\\\]|\\\\.)*(?:\"|$)|(')(?:[^'\\\\]|\\\\.)*(?:'|$)"
			+ "|(\\\\\")(?:[^\"\\\\]|\\\\[^\"])*(?:\\\\\"|$)|[^\\s\"'&}]+)";

	private static final String QUOTED_REDACTED = "$1$2$3$4" + REDACTED + "$2$3$4";

	// each scanned for a letter that is rare in log text: a line holds a dozen a's, few z's
	private static final CaselessWord AUTHORIZATION = new CaselessWord("authorization", 7);

	private static final CaselessWord COOKIE = new CaselessWord("cookie", 3);

	private static final CaselessWord BEARER = new CaselessWord("bearer", 0);

	/**
	 * The rules applied unless turned off, in order: {@code key=value} secrets (also {@code key: value} and JSON
	 * {@code "key":"value"}), {@code Authorization} and {@code Cookie}/{@code Set-Cookie} header values, bearer
	 * tokens, passwords in URLs, JWTs, AWS access key ids, Google API keys, GitHub, GitLab, Slack and Stripe tokens
	 * and PEM private keys on one line. Private key blocks spread over several lines are redacted by the topology
	 * itself.
	 */
	public static List<RedactionRule> defaults() {
		return List.of(
				// starts at the key word itself: a key is any name ending in it
				new RedactionRule("secret-assignment", Pattern.compile("(?i)(" + SECRET_KEYS + SEPARATOR + ")" + VALUE),
						QUOTED_REDACTED, SecretAssignments::mayMatch),
				new RedactionRule("authorization", Pattern.compile("(?i)((?:proxy-)?authorization" + SEPARATOR
						+ "(?:\\\\?[\"'])?(?:(?:basic|bearer|digest|negotiate|token)\\s+)?)[^\\s\"',;\\\\]+"),
						"$1" + REDACTED, AUTHORIZATION::in),
				new RedactionRule("cookie", Pattern.compile(
						"(?i)(\\b(?:set-)?cookie" + SEPARATOR + "(?:\\\\?[\"'])?)[^\"'\\\\\\r\\n]+"), "$1" + REDACTED,
						COOKIE::in),
				new RedactionRule("bearer-token", Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9\\-._~+/]{8,}=*"),
						"$1" + REDACTED, BEARER::in),
				rule("url-password", "(://[^/\\s:@]+:)[^/\\s@]+@", "$1" + REDACTED + "@", "://"),
				rule("jwt", "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+", REDACTED, "eyJ"),
				rule("aws-access-key-id", "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", REDACTED, "AKIA", "ASIA"),
				rule("google-api-key", "\\bAIza[0-9A-Za-z_-]{35}\\b", REDACTED, "AIza"),
				new RedactionRule("github-token",
						Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"), REDACTED,
						RedactionRule::mayHoldGithubToken),
				rule("gitlab-token", "\\bglpat-[A-Za-z0-9_-]{20,}", REDACTED, "glpat-"),
				rule("slack-token", "\\bxox[a-z]-[A-Za-z0-9-]{10,}", REDACTED, "xox"),
				rule("stripe-key", "\\b[rs]k_live_[A-Za-z0-9]{16,}", REDACTED, "k_live_"),
				rule(PRIVATE_KEY,
						"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----",
						REDACTED, "PRIVATE KEY"));
	}

	/**
	 * Whether {@code line} contains {@code gh[pousr]_} or {@code github_pat_}: two scans where six substring
	 * searches (one per prefix) were a quarter of the prefilters' time.
	 */
	static boolean mayHoldGithubToken(String line) {
		for (int at = line.indexOf("gh"); at >= 0; at = line.indexOf("gh", at + 2)) {
			if (at + 3 < line.length() && "pousr".indexOf(line.charAt(at + 2)) >= 0 && line.charAt(at + 3) == '_') {
				return true;
			}
		}
		return line.contains("github_pat_");
	}

	/**
	 * A rule tried only on lines containing one of {@code literals}: a substring search is far cheaper than
	 * running the pattern over every line.
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
