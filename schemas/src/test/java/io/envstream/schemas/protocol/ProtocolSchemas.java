package io.envstream.schemas.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;

/**
 * The protocol's JSON Schemas, loaded from the classpath the way a consumer of the
 * schemas jar would, with {@code format} asserted (RFC 3339 date-times) and failures
 * located by JSONPath ({@code $.meta.cursor}).
 */
final class ProtocolSchemas {

	private static final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(VersionFlag.V202012);

	private static final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
		.formatAssertionsEnabled(true)
		.pathType(PathType.JSON_PATH)
		.build();

	private final Map<String, JsonSchema> schemas = new HashMap<>();

	Set<ValidationMessage> validate(String schemaName, JsonNode message) {
		return this.schemas.computeIfAbsent(schemaName, ProtocolSchemas::load).validate(message);
	}

	/** Validates a schema document itself against the draft 2020-12 meta-schema. */
	Set<ValidationMessage> validateAgainstMetaSchema(JsonNode schema) {
		return this.schemas.computeIfAbsent("https://json-schema.org/draft/2020-12/schema",
				(uri) -> factory.getSchema(SchemaLocation.of(uri), config))
			.validate(schema);
	}

	/** Umbrella schema name by message schema name, from the umbrellas' {@code oneOf} lists. */
	static Map<String, String> umbrellaOfMessage() {
		Map<String, String> umbrellas = new HashMap<>();
		for (String umbrella : umbrellas()) {
			for (String member : members(umbrella)) {
				String previous = umbrellas.put(member, umbrella);
				if (previous != null) {
					throw new IllegalStateException(member + " is in both " + previous + " and " + umbrella);
				}
			}
		}
		return umbrellas;
	}

	static List<String> umbrellas() {
		return ProtocolFiles.schemaNames().stream().filter((name) -> name.endsWith("-message")).toList();
	}

	/** The message schemas an umbrella's {@code oneOf} refers to. */
	static List<String> members(String umbrella) {
		JsonNode schema = ProtocolFiles
			.readJson(ProtocolFiles.schemaDirectory().resolve(umbrella + ProtocolFiles.SCHEMA_SUFFIX));
		return schema.path("oneOf").findValuesAsText("$ref").stream()
			.map((ref) -> ref.substring(0, ref.length() - ProtocolFiles.SCHEMA_SUFFIX.length()))
			.toList();
	}

	private static JsonSchema load(String schemaName) {
		return factory.getSchema(
				SchemaLocation.of("classpath:protocol/json-schema/" + schemaName + ProtocolFiles.SCHEMA_SUFFIX), config);
	}

}
