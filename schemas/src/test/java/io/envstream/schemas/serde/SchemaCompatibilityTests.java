package io.envstream.schemas.serde;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Fails the build when a schema change would break a consumer or a producer of another version.
 * See src/main/resources/avro-history/README.md.
 */
class SchemaCompatibilityTests {

	/** Every topic's value, and LogEvent: no longer written, but still read from envstream.logs.raw. */
	static Stream<Named<Schema>> currentSchemas() {
		return Stream.concat(Topics.all()
			.stream()
			.filter((topic) -> topic.valueSerde() instanceof AvroSerde)
			.map((topic) -> ((AvroSerde<?>) topic.valueSerde()).schema()), Stream.of(LogEvent.getClassSchema()))
			.map((schema) -> Named.of(schema.getName(), schema));
	}

	@ParameterizedTest
	@MethodSource("currentSchemas")
	void everyVersionInTheHistoryIsTheSameRecord(Schema current) {
		List<Schema> versions = SchemaHistory.versions(current.getName());

		assertThat(versions).as("history of %s", current.getName()).isNotEmpty();
		assertThat(versions).extracting(Schema::getFullName).containsOnly(current.getFullName());
	}

	@ParameterizedTest
	@MethodSource("currentSchemas")
	void currentSchemaIsRecordedInTheHistory(Schema current) throws IOException {
		List<Schema> versions = SchemaHistory.versions(current.getName());
		long fingerprint = KnownSchemas.fingerprint(current);

		if (versions.stream().noneMatch((version) -> KnownSchemas.fingerprint(version) == fingerprint)) {
			Path candidate = Path.of("target", "avro-history-candidates", current.getName(),
					"v" + (versions.size() + 1) + ".avsc");
			Files.createDirectories(candidate.getParent());
			Files.writeString(candidate, SchemaFormatter.format("json/pretty", current) + "\n");
			fail("current schema of %s is not in the history: if the change is intended, copy %s to "
					+ "src/main/resources/%s", current.getName(), candidate,
					SchemaHistory.resource(current.getName(), versions.size() + 1));
		}
	}

	@ParameterizedTest
	@MethodSource("currentSchemas")
	void currentSchemaReadsEveryVersion(Schema current) {
		List<Schema> versions = SchemaHistory.versions(current.getName());
		for (int i = 0; i < versions.size(); i++) {
			assertThat(incompatibilities(current, versions.get(i)))
				.as("current %s reading v%d", current.getName(), i + 1)
				.isEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("currentSchemas")
	void everyVersionReadsTheCurrentSchema(Schema current) {
		List<Schema> versions = SchemaHistory.versions(current.getName());
		for (int i = 0; i < versions.size(); i++) {
			assertThat(incompatibilities(versions.get(i), current))
				.as("%s v%d reading the current schema", current.getName(), i + 1)
				.isEmpty();
		}
	}

	@Test
	void catchesAFieldAddedWithoutDefault() {
		Schema released = LogEvent.getClassSchema();
		Schema changed = withField(released, "{\"name\": \"pod\", \"type\": \"string\"}");

		assertThat(incompatibilities(changed, released)).singleElement()
			.asString()
			.startsWith(SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE.name());
		assertThat(incompatibilities(released, changed)).isEmpty();
	}

	@Test
	void catchesARemovedFieldThatOldReadersNeed() {
		Schema released = LogEvent.getClassSchema();
		Schema changed = AvroSerdeTests.withoutField(released, "message");

		assertThat(incompatibilities(released, changed)).singleElement()
			.asString()
			.startsWith(SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE.name());
	}

	@Test
	void catchesATypeChange() {
		Schema released = LogEvent.getClassSchema();
		Schema changed = withField(AvroSerdeTests.withoutField(released, "seq"),
				"{\"name\": \"seq\", \"type\": \"string\"}");

		assertThat(incompatibilities(changed, released)).isNotEmpty();
		assertThat(incompatibilities(released, changed)).isNotEmpty();
	}

	@Test
	void acceptsAFieldAddedWithDefault() {
		Schema released = LogEvent.getClassSchema();
		Schema changed = withField(released, "{\"name\": \"pod\", \"type\": [\"null\", \"string\"], \"default\": null}");

		assertThat(incompatibilities(changed, released)).isEmpty();
		assertThat(incompatibilities(released, changed)).isEmpty();
	}

	static List<String> incompatibilities(Schema reader, Schema writer) {
		return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
			.getResult()
			.getIncompatibilities()
			.stream()
			.map((problem) -> problem.getType() + " at " + problem.getLocation() + ": " + problem.getMessage())
			.toList();
	}

	private static Schema withField(Schema schema, String fieldJson) {
		String json = schema.toString();
		String changed = json.substring(0, json.lastIndexOf("]}")) + "," + fieldJson + "]}";
		return new Schema.Parser().parse(changed);
	}

}
