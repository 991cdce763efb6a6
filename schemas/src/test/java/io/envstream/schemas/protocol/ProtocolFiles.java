package io.envstream.schemas.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The protocol contract files on the test classpath ({@code protocol/} from main,
 * {@code protocol-examples/} from test) and the JSON and YAML readers for them.
 */
final class ProtocolFiles {

	static final String SCHEMA_SUFFIX = ".schema.json";

	private static final ObjectMapper json = new ObjectMapper();

	private static final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

	private ProtocolFiles() {
	}

	static Path protocolDirectory() {
		return classpathDirectory("protocol");
	}

	static Path schemaDirectory() {
		return protocolDirectory().resolve("json-schema");
	}

	static Path asyncApi() {
		return protocolDirectory().resolve("asyncapi.yaml");
	}

	static Path examples(String validity) {
		return classpathDirectory("protocol-examples/" + validity);
	}

	/** Schema names, e.g. {@code log} for {@code log.schema.json}. */
	static List<String> schemaNames() {
		return list(schemaDirectory()).stream()
			.map((file) -> file.getFileName().toString())
			.filter((name) -> name.endsWith(SCHEMA_SUFFIX))
			.map((name) -> name.substring(0, name.length() - SCHEMA_SUFFIX.length()))
			.sorted()
			.toList();
	}

	/** Example file names, e.g. {@code log--protocol-example.json}. */
	static List<String> exampleNames(String validity) {
		return list(examples(validity)).stream().map((file) -> file.getFileName().toString()).sorted().toList();
	}

	/** The schema an example is written for: the part of its file name before {@code --}. */
	static String schemaOfExample(String exampleName) {
		int separator = exampleName.indexOf("--");
		if (separator < 1) {
			throw new IllegalArgumentException("Example file names read <schema>--<case>.json: " + exampleName);
		}
		return exampleName.substring(0, separator);
	}

	static JsonNode readJson(Path file) {
		try {
			return json.readTree(file.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode readYaml(Path file) {
		try {
			return yaml.readTree(file.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Path> list(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(Files::isRegularFile).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path classpathDirectory(String name) {
		URL url = ProtocolFiles.class.getClassLoader().getResource(name);
		if (url == null) {
			throw new IllegalStateException("Not on the classpath: " + name);
		}
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
