package io.envstream.processor.topology;

import java.util.List;
import java.util.regex.Pattern;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTests {

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			secret-assignment | db password=hunter2 ok                  | db password=[REDACTED] ok
			secret-assignment | PASSWORD: 'correct horse' ok            | PASSWORD: '[REDACTED]' ok
			secret-assignment | {"user":"ann","password":"s3 cr3t"}     | {"user":"ann","password":"[REDACTED]"}
			secret-assignment | aws_secret_access_key=wJalrXUtnFEMI/K7  | aws_secret_access_key=[REDACTED]
			secret-assignment | GITHUB_TOKEN=abc123&next=1              | GITHUB_TOKEN=[REDACTED]&next=1
			secret-assignment | client_secret: xyz, scope=read          | client_secret: [REDACTED], scope=read
			bearer-token      | Authorization: Bearer abcdefgh.ijk-lmn  | Authorization: Bearer [REDACTED]
			bearer-token      | authorization: BeArEr abcdefgh.ijk-lmn  | authorization: BeArEr [REDACTED]
			bearer-token      | AUTHORIZATION: BEARER abcdefgh.ijk-lmn  | AUTHORIZATION: BEARER [REDACTED]
			url-password      | connecting to postgres://app:pa55@db:5432/x | connecting to postgres://app:[REDACTED]@db:5432/x
			jwt               | got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl | got [REDACTED]
			aws-access-key-id | key AKIAIOSFODNN7EXAMPLE used           | key [REDACTED] used
			google-api-key    | maps AIzaSyA1234567890abcdefghijklmnopqrstuv | maps [REDACTED]
			github-token      | pushed with ghp_abcdefghijklmnopqrstuvwxyz0123456789 | pushed with [REDACTED]
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

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			token_count=5 tokens processed
			Bearer of bad news
			http://example.com:8080/path
			the password field is required
			""")
	void leavesLinesWithoutSecretsAlone(String line) {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", line);

			LogEntry entry = onlyEntry(topology);
			assertThat(entry.getMessage()).isEqualTo(line);
			assertThat(entry.getMetadata()).doesNotContainKey(Entries.REDACTED);
		}
	}

	@Test
	void hidesEveryLineOfAPrivateKeyBlockOfTheSameContainerStream() {
		try (TopologyFixture topology = TopologyFixture.withDefaults()) {
			topology.line("env-a", "key follows: -----BEGIN RSA PRIVATE KEY-----");
			topology.line("env-a", "MIIEowIBAAKCAQEA1234");
			topology.line("env-a", Stream.STDERR, "unrelated stderr line");
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
