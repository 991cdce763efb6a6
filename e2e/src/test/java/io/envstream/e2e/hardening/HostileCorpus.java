package io.envstream.e2e.hardening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Log lines written to break a log pipeline: inputs that make a backtracking regex of each redaction rule recurse
 * or run in quadratic time, secrets in the forms the rules must hide, lines at and around Docker's 16 KiB split and
 * the collector's 1 MiB limit (secrets near their start: the rules read a prefix of a long line), invalid UTF-8, NUL bytes and ANSI escape floods. Every line names itself
 * ({@code hostile-NN}, never hidden by a rule) and every secret in it starts with {@code S3CR3TNN}, so a test can
 * find each line wherever it ends up and tell whether its secret leaked.
 */
final class HostileCorpus {

	/** Every secret in the corpus starts with this, then the line's number. */
	static final String SECRET_MARK = "S3CR3T";

	static final int DOCKER_PIECE = 16 * 1024;

	static final int COLLECTOR_MAX_LINE = 1024 * 1024;

	/**
	 * @param id {@code hostile-NN}
	 * @param what what the line tries
	 * @param bytes the line as written, without its newline
	 * @param secret the marker its secrets start with, or null for a line without a secret
	 */
	record Line(String id, String what, byte[] bytes, String secret) {

		String text() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

	}

	private final List<Line> lines = new ArrayList<>();

	private HostileCorpus() {
	}

	static List<Line> lines() {
		HostileCorpus corpus = new HostileCorpus();
		corpus.build();
		return List.copyOf(corpus.lines);
	}

	/** The lines, each ended by a newline, as one file to write to a container's output. */
	static byte[] file(List<Line> lines) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Line line : lines) {
			out.writeBytes(line.bytes());
			out.write('\n');
		}
		return out.toByteArray();
	}

	private void build() {
		// private-key: a BEGIN followed by thousands of words (overflowed the stack of the old rule), and a key
		secretless("private-key: BEGIN and 8,000 words", "-----BEGIN " + "A ".repeat(8000));
		secret("private-key: a PEM key on one line", "-----BEGIN RSA PRIVATE KEY-----MIIEow{S}IBAAKCAQEA"
				+ "-----END RSA PRIVATE KEY-----");
		// secret-assignment: quoted values (a group repeated per character), escaped quotes, huge and repeated runs
		secret("JSON value with escaped quotes", "{\"id\":\"%ID%\",\"level\":\"info\",\"password\":\"ab\\\"{S}\\\"cd\"}");
		secret("JSON value of 10,000 escaped quotes", "{\"id\":\"%ID%\",\"password\":\"{S}" + "\\\"".repeat(10_000)
				+ "\"}");
		secret("password= then a 200,000-character value", "password={S}" + "a".repeat(200_000));
		// the secrets after a run stay within the first 64 Ki characters, which the rules read of a longer line
		secret("password= repeated 5,000 times", "password=".repeat(5_000) + "{S}");
		secret("quoted password of 100,000 characters", "password=\"{S}" + "b".repeat(100_000) + "\" user=bob");
		secret("value containing ;", "DB_PASSWORD=ab;{S} user=bob");
		secret("*_PASS, *_PWD, *_TOKEN, *_SECRET variables",
				"MYAPP_DB_PASS={S}a X_PWD={S}b CI_JOB_TOKEN={S}c APP_SECRET={S}d");
		// bearer and basic authorization
		secret("Authorization: Bearer and a 100,000-character token", "Authorization: Bearer {S}" + "x".repeat(100_000));
		secret("Authorization: Basic", "Authorization: Basic {S}dXNlcjpwYXNzd29yZA==");
		secret("bearer repeated 8,000 times", "bearer ".repeat(8_000) + "{S}abcdefgh");
		secret("Cookie and Set-Cookie", "Cookie: session={S}a; theme=dark Set-Cookie: sid={S}b; Path=/; HttpOnly");
		// url-password: a quadratic run of ':' after '://'
		secretless("url-password: :// and 50,000 'a:'", "://" + "a:".repeat(50_000));
		secret("url with a password, then 20,000 '://a:'", "https://admin:{S}@db.example.com/ " + "://a:".repeat(20_000));
		// jwt: a word boundary before every eyJ, each start scanning to the end
		secretless("jwt: 30,000 'eyJ-'", "eyJ-".repeat(30_000));
		secret("a JWT", "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.{S}c2lnbmF0dXJl");
		// provider tokens
		secret("AWS access key id", "aws AKIA{S}ABCDEFGH");
		secretless("AKIA 30,000 times", "AKIA".repeat(30_000));
		secret("Google API key", "google AIza{S}" + "abcdefghijklmnopqrstuvwxyz0".substring(0, 27));
		secret("GitHub tokens", "ghp_{S}" + "a".repeat(28) + " github_pat_11{S}_" + "b".repeat(59));
		secret("GitLab token", "glpat-{S}abcdefghijkl");
		secret("Slack token", "xoxb-{S}-1234567890-abcdefghij");
		secret("Stripe key", "sk_live_{S}abcdefghijklmnopqr");
		// Docker's 16 KiB pieces and the collector's 1 MiB limit
		secretless("16 KiB + 1 bytes", fill("", DOCKER_PIECE + 1));
		secretless("exactly 16 KiB", fill("", DOCKER_PIECE));
		secret("16 KiB + 1 bytes with a secret", fill("password={S} ", DOCKER_PIECE + 1));
		secret("1 MiB with a secret", fill("password={S} ", COLLECTOR_MAX_LINE));
		secret("1 MiB + 64 KiB with a secret (cut by the collector)", fill("password={S} ", COLLECTOR_MAX_LINE + 65_536));
		// bytes that are not text
		add("invalid UTF-8", concat("%ID% ", new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, (byte) 0xe2,
				(byte) 0x82, 0x28, (byte) 0xf0, (byte) 0x9f }, " password={S}"), true);
		secret("NUL bytes", "a\0b\0\0 token={S}");
		secretless("ANSI escape flood", "\033[1;31m".repeat(20_000) + "end");
		secret("ANSI escapes around a secret", "\033[31mpassword={S}\033[0m done");
		secret("tab, carriage return and form feed", "col1\tcol2\rover\f api_key={S}");
		// last: a BEGIN without END starts a multi-line key block, which hides the lines after it on this stream
		secret("private-key: BEGIN, 8,000 words, PRIVATE KEY and no END", "-----BEGIN " + "A ".repeat(8000)
				+ "PRIVATE KEY-----{S}");
	}

	private void secret(String what, String text) {
		add(what, (text.contains("%ID%") ? text : "%ID% " + text).getBytes(StandardCharsets.UTF_8), true);
	}

	private void secretless(String what, String text) {
		add(what, ("%ID% " + text).getBytes(StandardCharsets.UTF_8), false);
	}

	private void add(String what, byte[] template, boolean withSecret) {
		String id = String.format("hostile-%02d", this.lines.size() + 1);
		String secret = withSecret ? SECRET_MARK + id.substring("hostile-".length()) : null;
		String text = new String(template, StandardCharsets.ISO_8859_1).replace("%ID%", id);
		if (secret != null) {
			text = text.replace("{S}", secret);
		}
		this.lines.add(new Line(id, what, text.getBytes(StandardCharsets.ISO_8859_1), secret));
	}

	/** {@code start} (after the line's id) padded with {@code y} so the whole line has {@code bytes} bytes. */
	private static String fill(String start, int bytes) {
		int written = "hostile-NN ".length() + start.replace("{S}", SECRET_MARK + "NN").length();
		return start + "y".repeat(bytes - written);
	}

	private static byte[] concat(String head, byte[] middle, String tail) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(middle);
		out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

}
