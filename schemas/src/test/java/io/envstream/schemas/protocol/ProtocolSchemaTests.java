package io.envstream.schemas.protocol;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example message against the protocol's JSON Schemas: each valid one passes its
 * message schema and its endpoint's umbrella, each invalid one fails for its expected reason.
 */
class ProtocolSchemaTests {

	/** Expected reason per invalid example: the failing keyword at the failing place. */
	private static final Map<String, String> EXPECTED_FAILURES = new TreeMap<>(Map.ofEntries(
			Map.entry("log--without-cursor.json", "required at $.meta"),
			Map.entry("log--cursor-not-url-safe.json", "pattern at $.meta.cursor"),
			Map.entry("log--stream-stdin.json", "enum at $.stream"),
			Map.entry("log--timestamp-not-utc.json", "pattern at $.timestamp"),
			Map.entry("log--timestamp-not-a-date.json", "format at $.timestamp"),
			Map.entry("log--unknown-field.json", "additionalProperties at $"),
			Map.entry("log--negative-seq.json", "minimum at $.meta.seq"),
			Map.entry("batch--empty.json", "minItems at $.logs"),
			Map.entry("batch--line-without-cursor.json", "required at $.logs[0].meta"),
			Map.entry("live--with-payload.json", "additionalProperties at $"),
			Map.entry("gap--unknown-reason.json", "enum at $.reason"),
			Map.entry("lag--negative.json", "minimum at $.behind"),
			Map.entry("replay--speed-over-100.json", "oneOf at $.speed"),
			Map.entry("seek--time-and-cursor.json", "oneOf at $"),
			Map.entry("speed--not-a-number.json", "oneOf at $.speed"),
			Map.entry("error--code-not-machine-readable.json", "pattern at $.code"),
			Map.entry("logs-server-message--terminal-output.json", "oneOf at $"),
			Map.entry("resume--from-a-cursor.json", "const at $.from"),
			Map.entry("filter--without-criteria.json", "minProperties at $"),
			Map.entry("filter--unknown-stream.json", "enum at $.stream"),
			Map.entry("logs-client-message--unknown-action.json", "oneOf at $"),
			Map.entry("input--data-not-a-string.json", "type at $.data"),
			Map.entry("resize--zero-columns.json", "minimum at $.cols"),
			Map.entry("resize--without-rows.json", "required at $"),
			Map.entry("terminal-client-message--logs-action.json", "oneOf at $"),
			Map.entry("ready--session-not-url-safe.json", "pattern at $.session"),
			Map.entry("output--without-data.json", "required at $"),
			Map.entry("exit--code-as-string.json", "type at $.code"),
			Map.entry("status--unknown-status.json", "enum at $.status"),
			Map.entry("status--without-timestamp.json", "required at $"),
			Map.entry("metrics--negative-cpu.json", "minimum at $.cpu"),
			Map.entry("metrics--network-without-tx.json", "required at $.network"),
			Map.entry("alert--unknown-kind.json", "enum at $.kind"),
			Map.entry("alert--without-id.json", "required at $"),
			Map.entry("subscribe--unknown-topic.json", "enum at $.topics[0]"),
			Map.entry("subscribe--no-topics.json", "minItems at $.topics"),
			Map.entry("unsubscribe--duplicate-topics.json", "uniqueItems at $.topics"),
			Map.entry("status-server-message--log-line.json", "oneOf at $")));

	private static final ProtocolSchemas schemas = new ProtocolSchemas();

	private static final Map<String, String> umbrellaOfMessage = ProtocolSchemas.umbrellaOfMessage();

	static Iterable<String> validExamples() {
		return ProtocolFiles.exampleNames("valid");
	}

	static Iterable<String> invalidExamples() {
		return ProtocolFiles.exampleNames("invalid");
	}

	static Iterable<String> schemaNames() {
		return ProtocolFiles.schemaNames();
	}

	@ParameterizedTest
	@MethodSource("validExamples")
	void validExampleMatchesItsSchemaAndItsEndpointsUmbrella(String example) {
		JsonNode message = ProtocolFiles.readJson(ProtocolFiles.examples("valid").resolve(example));
		String schema = ProtocolFiles.schemaOfExample(example);

		assertThat(schemas.validate(schema, message)).isEmpty();
		assertThat(umbrellaOfMessage).containsKey(schema);
		assertThat(schemas.validate(umbrellaOfMessage.get(schema), message)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("invalidExamples")
	void invalidExampleFailsForTheExpectedReason(String example) {
		JsonNode message = ProtocolFiles.readJson(ProtocolFiles.examples("invalid").resolve(example));
		String schema = ProtocolFiles.schemaOfExample(example);

		assertThat(EXPECTED_FAILURES).as("expected failure of " + example).containsKey(example);
		assertThat(reasons(schemas.validate(schema, message))).contains(EXPECTED_FAILURES.get(example));
		String umbrella = umbrellaOfMessage.get(schema);
		if (umbrella != null) {
			assertThat(schemas.validate(umbrella, message)).isNotEmpty();
		}
	}

	@Test
	void everyExpectedFailureHasItsInvalidExample() {
		assertThat(ProtocolFiles.exampleNames("invalid")).containsExactlyElementsOf(EXPECTED_FAILURES.keySet());
	}

	@Test
	void everyMessageSchemaHasAValidExampleAndBelongsToOneUmbrella() {
		Set<String> exampled = ProtocolFiles.exampleNames("valid").stream()
			.map(ProtocolFiles::schemaOfExample)
			.collect(Collectors.toSet());
		Set<String> messages = umbrellaOfMessage.keySet();

		assertThat(exampled).containsExactlyInAnyOrderElementsOf(messages);
		Set<String> allSchemas = new TreeSet<>(messages);
		allSchemas.addAll(ProtocolSchemas.umbrellas());
		allSchemas.add("definitions");
		assertThat(ProtocolFiles.schemaNames()).containsExactlyInAnyOrderElementsOf(allSchemas);
	}

	@ParameterizedTest
	@MethodSource("schemaNames")
	void schemaIsAValidDraft202012Schema(String schema) {
		JsonNode document = ProtocolFiles.readJson(ProtocolFiles.schemaDirectory().resolve(schema + ".schema.json"));

		assertThat(document.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
		assertThat(schemas.validateAgainstMetaSchema(document)).isEmpty();
	}

	@Test
	void batchCountsTheLinesItCarries() {
		for (String example : ProtocolFiles.exampleNames("valid")) {
			JsonNode message = ProtocolFiles.readJson(ProtocolFiles.examples("valid").resolve(example));
			if ("batch".equals(message.path("type").asText())) {
				assertThat(message.get("count").asInt()).as(example).isEqualTo(message.get("logs").size());
			}
		}
	}

	private static Set<String> reasons(Set<ValidationMessage> failures) {
		return failures.stream()
			.map((failure) -> failure.getType() + " at " + failure.getInstanceLocation())
			.collect(Collectors.toSet());
	}

}
