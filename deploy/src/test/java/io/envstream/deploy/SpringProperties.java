package io.envstream.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every configuration property the apps declare: their own ({@code envstream.*}, from the metadata
 * the configuration processor writes into each app's jar) and Spring Boot's (from the metadata of
 * the Spring Boot jars on the same classpath), and which environment variable sets each one.
 */
final class SpringProperties {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	/** The environment variable that sets a property (Spring Boot's relaxed binding) → its metadata. */
	private final Map<String, Declared> byVariable;

	private SpringProperties(Map<String, Declared> byVariable) {
		this.byVariable = byVariable;
	}

	static SpringProperties onClasspath() {
		Map<String, Declared> byVariable = new HashMap<>();
		JsonMapper json = new JsonMapper();
		try {
			for (URL metadata : Collections.list(SpringProperties.class.getClassLoader().getResources(METADATA))) {
				try (InputStream in = metadata.openStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						Declared declared = new Declared(property.path("name").asString(), property.path("type").asString(""));
						byVariable.put(variable(declared.name()), declared);
						byVariable.put(legacyVariable(declared.name()), declared);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + METADATA, ex);
		}
		return new SpringProperties(byVariable);
	}

	/**
	 * The property an environment variable sets, or null: its exact name, or an entry of a declared
	 * map ({@code SPRING_KAFKA_PROPERTIES_SASL_MECHANISM} is {@code spring.kafka.properties}).
	 */
	Declared propertyOf(String variable) {
		Declared exact = this.byVariable.get(variable);
		if (exact != null) {
			return exact;
		}
		for (int end = variable.lastIndexOf('_'); end > 0; end = variable.lastIndexOf('_', end - 1)) {
			Declared prefix = this.byVariable.get(variable.substring(0, end));
			if (prefix != null && prefix.isMap()) {
				return prefix;
			}
		}
		return null;
	}

	int size() {
		return this.byVariable.size();
	}

	/** {@code envstream.gateway.jwt.jwk-set-uri} → {@code ENVSTREAM_GATEWAY_JWT_JWKSETURI}, as Spring Boot maps them. */
	static String variable(String property) {
		return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	/** {@code envstream.gateway.jwt.jwk-set-uri} → {@code ENVSTREAM_GATEWAY_JWT_JWK_SET_URI}, which Spring Boot maps too. */
	static String legacyVariable(String property) {
		return property.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
	}

	record Declared(String name, String type) {

		boolean isMap() {
			return this.type.startsWith("java.util.Map");
		}

	}

}
