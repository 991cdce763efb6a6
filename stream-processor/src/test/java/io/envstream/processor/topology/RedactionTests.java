package io.envstream.processor.topology;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.envstream.schemas.avro.LogBatch;
import com.google.re2j.Pattern;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.serde.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTests {

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			secret-assignment | db password=hunter2 ok                  | db password=[REDACTED] ok
			secret-assignment | PASSWORD: 'correct horse' ok            | PASSWORD: '[REDACTED]' ok
			secret-assignment | {"user":"ann","password":"s3 cr3t"}     | {"user":"ann","password":"[REDACTED]"}
			secret-assignment | {"password":"ab\\"cd","user":"ann"}    | {"password":"[REDACTED]","user":"ann"}
			secret-assignment | {"msg":"{\\"password\\":\\"s3cr3t\\"}"} | {"msg":"{\\"password\\":\\"[REDACTED]\\"}"}
			secret-assignment | login password="cut off at the end     | login password="[REDACTED]"
			secret-assignment | DB_PASS=ab;cd next                      | DB_PASS=[REDACTED] next
			secret-assignment | MYSQL_ROOT_PASSWORD=x1;y2               | MYSQL_ROOT_PASSWORD=[REDACTED]
			secret-assignment | ADMIN_PWD: pw,1                         | ADMIN_PWD: [REDACTED]
			secret-assignment | export API_SECRET=abc                   | export API_SECRET=[REDACTED]
			secret-assignment | GITHUB_TOKEN=abc123&next=1              | GITHUB_TOKEN=[REDACTED]&next=1
			secret-assignment | aws_secret_access_key=wJalrXUtnFEMI/K7  | aws_secret_access_key=[REDACTED]
			secret-assignment | client_secret: xyz, scope=read          | client_secret: [REDACTED] scope=read
			secret-assignment | ts=1 seq=2 api_token: abc               | ts=1 seq=2 api_token: [REDACTED]
			secret-assignment | db password = hunter2 ok                | db password = [REDACTED] ok
			secret-assignment | DB_PASſ=hunter2                         | DB_PASſ=[REDACTED]
			authorization     | Authorization: Basic dXNlcjpwYXNz       | Authorization: Basic [REDACTED]
			authorization     | authorization: BeArEr abcdefgh.ijk-lmn  | authorization: BeArEr [REDACTED]
			authorization     | AUTHORIZATION: BEARER abcdefgh.ijk-lmn  | AUTHORIZATION: BEARER [REDACTED]
			authorization     | curl -H 'Authorization: Bearer a.b.c' u | curl -H 'Authorization: Bearer [REDACTED]' u
			authorization     | {"Authorization":"Basic dXNlcjpwYXNz"}  | {"Authorization":"Basic [REDACTED]"}
			authorization     | Proxy-Authorization: Zm9vOmJhcg==       | Proxy-Authorization: [REDACTED]
			cookie            | Cookie: session=abc123; theme=dark      | Cookie: [REDACTED]
			cookie            | Set-Cookie: id=a3f; Path=/; Secure      | Set-Cookie: [REDACTED]
			cookie            | {"cookie":"sid=xyz","ok":1}             | {"cookie":"[REDACTED]","ok":1}
			cookie            | Set-CooKie: id=a3f; Path=/             | Set-CooKie: [REDACTED]
			bearer-token      | calling with bearer abcdefgh12345 now   | calling with bearer [REDACTED] now
			url-password      | connecting to postgres://app:pa55@db:5432/x | connecting to postgres://app:[REDACTED]@db:5432/x
			jwt               | got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl | got [REDACTED]
			aws-access-key-id | key AKIAIOSFODNN7EXAMPLE used           | key [REDACTED] used
			google-api-key    | maps AIzaSyA1234567890abcdefghijklmnopqrstuv | maps [REDACTED]
			github-token      | pushed with ghp_abcdefghijklmnopqrstuvwxyz0123456789 | pushed with [REDACTED]
			github-token      | pat github_pat_11ABCDEFG0123456789_abcdefghij used | pat [REDACTED] used
			github-token      | high through ghu_abcdefghijklmnopqrstuvwxyz0123456789 | high through [REDACTED]
			gitlab-token      | clone with glpat-abcdefghij0123456789 ok | clone with [REDACTED] ok
			slack-token       | posting as xoxb-1234567890-abcdefghij   | posting as [REDACTED]
			stripe-key        | charge with sk_live_4eC39HqLyjWDarjtT1zdp7dc | charge with [REDACTED]
			private-key       | k=-----BEGIN PRIVATE KEY-----MIIEvQ-----END PRIVATE KEY----- end | k=[REDACTED] end
			""")
	void defaultRuleHidesTheSecretAndNamesItself(String rule, String line, String expected) {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", line);

			LogEntry entry = onlyEntry(topology);
			assertThat(entry.getMessage()).isEqualTo(expected);
			assertThat(entry.getMetadata()).containsEntry(Entries.REDACTED, rule);
			assertThat(topology.counter("envstream.processor.records.redacted", "rule", rule)).isEqualTo(1);
		}
	}

	/** For each rule, a line that looks like its secret and is not one. */
	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			secret-assignment | the password field is required
			secret-assignment | token_count=5 tokens processed
			secret-assignment | tests pass: 3 of 3, bypass=true
			authorization     | authorization failed for user ann
			cookie            | cookies enabled: yes
			bearer-token      | Bearer of bad news
			url-password      | http://example.com:8080/path
			jwt               | header eyJhbGciOiJIUzI1NiJ9 alone
			aws-access-key-id | id AKIA1234 too short
			google-api-key    | AIzaShort key
			github-token      | ghp_short and github_pat_short
			gitlab-token      | glpat-short
			slack-token       | xoxb-123 and xoxo-friends
			stripe-key        | sk_test_4eC39HqLyjWDarjtT1zdp7dc is a test key
			private-key       | -----BEGIN CERTIFICATE-----MIIB-----END CERTIFICATE-----
			""")
	void leavesLinesWithoutSecretsAlone(String rule, String line) {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", line);

			LogEntry entry = onlyEntry(topology);
			assertThat(entry.getMessage()).isEqualTo(line);
			assertThat(entry.getMetadata()).doesNotContainKey(Entries.REDACTED);
			assertThat(topology.counter("envstream.processor.records.redacted", "rule", rule)).isZero();
		}
	}

	@Test
	void everyDefaultRuleHasAPositiveAndANegativeCase() throws Exception {
		Method positive = RedactionTests.class.getDeclaredMethod("defaultRuleHidesTheSecretAndNamesItself",
				String.class, String.class, String.class);
		Method negative = RedactionTests.class.getDeclaredMethod("leavesLinesWithoutSecretsAlone",
				String.class, String.class);
		List<String> rules = RedactionRule.defaults().stream().map(RedactionRule::name).toList();
		assertThat(casesOf(positive)).containsAll(rules);
		assertThat(casesOf(negative)).containsAll(rules);
	}

	private static List<String> casesOf(Method test) {
		String table = test.getAnnotation(CsvSource.class).textBlock();
		return table.lines().map((row) -> row.split("\\|")[0].trim()).filter((rule) -> !rule.isEmpty()).toList();
	}

	/**
	 * Lines built to make a backtracking engine explode on each rule (one of them overflowed the stack of the
	 * rules before RE2/J and stopped every environment): each is redacted in linear time and leaves.
	 */
	static Stream<Arguments> catastrophicLines() {
		return Stream.of(Arguments.of("PEM begin then 8,000 words", (Supplier<String>) () -> "-----BEGIN " + "A ".repeat(8000)),
				Arguments.of("PEM begin, words, key marker", (Supplier<String>) () -> "-----BEGIN " + "A ".repeat(8000) + "PRIVATE KEY"),
				Arguments.of("password then escaped quotes", (Supplier<String>) () -> "\"password\":\"" + "\\\"".repeat(10000)),
				Arguments.of("many keys without values", (Supplier<String>) () -> "password=".repeat(5000)),
				Arguments.of("bearer then a huge token", (Supplier<String>) () -> "Bearer " + "a".repeat(100_000)),
				Arguments.of("eyJ runs", (Supplier<String>) () -> "eyJ".repeat(20000) + ".eyJ" + ".".repeat(20000)),
				Arguments.of("url user runs", (Supplier<String>) () -> "://" + "a:".repeat(20000)),
				Arguments.of("authorization runs", (Supplier<String>) () -> "Authorization: ".repeat(5000)),
				Arguments.of("cookie runs", (Supplier<String>) () -> "Set-Cookie:".repeat(5000) + "x"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("catastrophicLines")
	void catastrophicLineIsRedactedAndLeaves(String name, Supplier<String> line) {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", line.get());
			topology.line("env-a", "next line");
			topology.advance(100);

			assertThat(topology.batches().stream().flatMap((batch) -> batch.getEntries().stream()))
				.extracting(LogEntry::getMessage)
				.hasSize(2)
				.last()
				.isEqualTo("next line");
			assertThat(topology.deadLetters.isEmpty()).isTrue();
		}
	}

	@Test
	void lineLongerThanTheScanLimitIsRedactedInItsPrefixAndDeliveredWhole() {
		String tail = " password=after-the-limit";
		String line = "password=hunter2 " + "x".repeat(100) + tail;
		LineRules rules = new LineRules(List.of(), RedactionRule.defaults(), true, new ScanLimit(110));
		try (TopologyFixture topology = new TopologyFixture(TopologyFixture.LIMITS, rules)) {
			topology.line("env-a", line);

			LogEntry entry = onlyEntry(topology);
			assertThat(entry.getMessage())
				.isEqualTo("password=[REDACTED] " + "x".repeat(100) + tail);
			assertThat(entry.getMetadata()).containsEntry(Entries.REDACTION_SCANNED, "110")
				.containsEntry(Entries.REDACTED, "secret-assignment");
			assertThat(topology.counter("envstream.processor.records.partly.scanned")).isEqualTo(1);
		}
	}

	@Test
	void lineNearTheRecordSizeThatRedactionWouldMakeLongerIsCutBackToItsOwnSizeAndMarkedTruncated() {
		// 10,000 short secrets in the prefix: each [REDACTED] is 9 bytes longer than the "x" it hides
		String secrets = "pwd=x ".repeat(10_000);
		String line = secrets + "y".repeat((int) Redactor.RECORD_SAFE_BYTES - secrets.length());
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", line);

			LogEntry entry = onlyEntry(topology);
			assertThat(entry.getMessage()).hasSize(line.length())
				.startsWith("pwd=[REDACTED] pwd=[REDACTED] ")
				.doesNotContain("pwd=x");
			assertThat(entry.getMetadata()).containsEntry(Entries.TRUNCATED, "true");
		}
	}

	@Test
	void longLineThatRedactionMakesLongerKeepsEveryCharacterWhileFarBelowTheRecordSize() {
		String line = "pwd=x ".repeat(16) + "y".repeat(50);
		LineRules rules = new LineRules(List.of(), RedactionRule.defaults(), true, new ScanLimit(100));
		try (TopologyFixture topology = new TopologyFixture(TopologyFixture.LIMITS, rules)) {
			topology.line("env-a", line);

			LogEntry entry = onlyEntry(topology);
			assertThat(entry.getMessage()).endsWith("y".repeat(50)).hasSize(line.length() + 16 * 9);
			assertThat(entry.getMetadata()).doesNotContainKey(Entries.TRUNCATED);
		}
	}

	@Test
	void utf8CutNeverSplitsASurrogatePair() {
		String text = "ab\uD83D\uDE00c";
		assertThat(Utf8.length(text)).isEqualTo(7);
		assertThat(Utf8.cut(text, 5)).isEqualTo("ab");
		assertThat(Utf8.cut(text, 6)).isEqualTo("ab\uD83D\uDE00");
		assertThat(Utf8.cut("\u00e9\u00e9", 3)).isEqualTo("\u00e9");
	}

	@Test
	void lineWithinTheScanLimitSaysNothingAboutScanning() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "short");

			assertThat(onlyEntry(topology).getMetadata()).doesNotContainKey(Entries.REDACTION_SCANNED);
			assertThat(topology.counter("envstream.processor.records.partly.scanned")).isZero();
		}
	}

	@Test
	void hidesEveryLineOfAPrivateKeyBlockOfTheSameContainerStream() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "key follows: -----BEGIN RSA PRIVATE KEY-----");
			topology.line("env-a", "MIIEowIBAAKCAQEA1234");
			topology.line("env-a", io.envstream.schemas.avro.Stream.STDERR, "unrelated stderr line");
			topology.line("env-a", "Zm9vYmFyYmF6");
			topology.line("env-a", "-----END RSA PRIVATE KEY----- done");
			topology.line("env-a", "after the key");
			topology.advance(100);

			List<LogEntry> entries = topology.batches().stream().flatMap((batch) -> batch.getEntries().stream()).toList();
			assertThat(entries).extracting(LogEntry::getMessage)
				.containsExactly("key follows: [REDACTED]", "[REDACTED]", "unrelated stderr line", "[REDACTED]",
						"[REDACTED] done", "after the key");
			assertThat(entries.get(1).getMetadata()).containsEntry(Entries.REDACTED, "private-key");
			assertThat(topology.driver.getKeyValueStore(LogTopology.PRIVATE_KEY_BLOCKS_STORE).approximateNumEntries())
				.isZero();
		}
	}

	@Test
	void stopsHidingABlockThatNeverEnds() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "-----BEGIN PRIVATE KEY-----");
			topology.lines("env-a", PrivateKeyBlocks.MAX_BLOCK_LINES + 1);
			topology.advance(100);

			List<LogEntry> entries = topology.batches().stream().flatMap((batch) -> batch.getEntries().stream()).toList();
			assertThat(entries.get(PrivateKeyBlocks.MAX_BLOCK_LINES - 1).getMessage()).isEqualTo("[REDACTED]");
			assertThat(entries.get(entries.size() - 1).getMessage())
				.isEqualTo("env-a line " + PrivateKeyBlocks.MAX_BLOCK_LINES);
		}
	}

	@Test
	void appliesConfiguredRulesWithTheirReplacement() {
		RedactionRule internalHosts = new RedactionRule("internal-host", Pattern.compile("\\b[a-z0-9-]+\\.corp\\.example\\b"),
				"<internal>");
		try (TopologyFixture topology = new TopologyFixture(
				new BatchLimits(100, java.time.Duration.ofMillis(100), 1000), List.of(), List.of(internalHosts))) {
			topology.line("env-a", "calling billing-7.corp.example now");

			assertThat(onlyEntry(topology).getMessage()).isEqualTo("calling <internal> now");
		}
	}

	private static LogEntry onlyEntry(TopologyFixture topology) {
		List<LogBatch> batches = topology.batches();
		assertThat(batches).hasSize(1);
		assertThat(batches.get(0).getEntries()).hasSize(1);
		return batches.get(0).getEntries().get(0);
	}

}
