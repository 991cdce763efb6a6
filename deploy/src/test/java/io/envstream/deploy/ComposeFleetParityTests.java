package io.envstream.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose fleet (infra/compose/docker-compose.yml) and the Kubernetes manifests (infra/k8s) set
 * the same properties for each app, apart from the differences listed here with their reasons.
 * Compared by property, not by variable, so two spellings of one property are one.
 */
class ComposeFleetParityTests {

	/** Variables that set no property: the JVM's, the images' health check's, the compose entrypoint's. */
	private static final Set<String> NOT_PROPERTIES = Set.of(
			// JVM options: the images read JAVA_OPTS, the manifests use the JVM's own JAVA_TOOL_OPTIONS
			"JAVA_OPTS", "JAVA_TOOL_OPTIONS",
			// the port of the images' health check (infra/images/base/http-health)
			"ENVSTREAM_HEALTH_PORT",
			// the name whose address in the network "agents" the compose collector binds its agent to
			"ENVSTREAM_FLEET_AGENT_NAME");

	/** Properties only the manifests set, and why the compose fleet does without. */
	private static final Map<App, Map<String, String>> ONLY_IN_KUBERNETES = Map.of(
			App.COLLECTOR, Map.of(
					"server.address", "compose: the entrypoint sets it to the agent's address in the network \"agents\"",
					"spring.config.import", "Kubernetes mounts every node's agent key as a config tree; compose gives each collector its own key",
					"management.endpoint.health.probes.enabled", "compose's health checks use /actuator/health, no probe groups",
					"spring.kafka.security.protocol", "the compose fleet's Kafka is plaintext, on an internal network",
					"spring.kafka.properties", "SASL: the compose fleet's Kafka has no credentials",
					"spring.kafka.ssl.trust-store-location", "no TLS to the compose fleet's Kafka",
					"spring.kafka.ssl.trust-store-type", "no TLS to the compose fleet's Kafka",
					"spring.kafka.ssl.trust-store-password", "no TLS to the compose fleet's Kafka"),
			App.STREAM_PROCESSOR, Map.of(
					"management.endpoint.health.probes.enabled", "compose's health checks use /actuator/health, no probe groups",
					"spring.kafka.streams.state-dir", "Kubernetes mounts a volume for the state; compose keeps it in the container",
					"spring.kafka.security.protocol", "the compose fleet's Kafka is plaintext, on an internal network",
					"spring.kafka.properties", "SASL: the compose fleet's Kafka has no credentials",
					"spring.kafka.ssl.trust-store-location", "no TLS to the compose fleet's Kafka",
					"spring.kafka.ssl.trust-store-type", "no TLS to the compose fleet's Kafka",
					"spring.kafka.ssl.trust-store-password", "no TLS to the compose fleet's Kafka"),
			App.WS_GATEWAY, Map.of(
					"management.endpoint.health.probes.enabled", "compose's health checks use /actuator/health, no probe groups",
					"spring.kafka.security.protocol", "the compose fleet's Kafka is plaintext, on an internal network",
					"spring.kafka.properties", "SASL: the compose fleet's Kafka has no credentials",
					"spring.kafka.ssl.trust-store-location", "no TLS to the compose fleet's Kafka",
					"spring.kafka.ssl.trust-store-type", "no TLS to the compose fleet's Kafka",
					"spring.kafka.ssl.trust-store-password", "no TLS to the compose fleet's Kafka"));

	/** Properties only the compose fleet sets, and why the manifests do without. */
	private static final Map<App, Map<String, String>> ONLY_IN_COMPOSE = Map.of(
			App.COLLECTOR, Map.of(
					"envstream.collector.agent-url", "Kubernetes: derived from server.address, the pod's IP; compose names the agent",
					"management.server.address", "compose: the actuator on loopback, where the health check runs; kubelet probes the pod's IP"),
			App.STREAM_PROCESSOR, Map.of(),
			App.WS_GATEWAY, Map.of());

	private static final SpringProperties PROPERTIES = SpringProperties.onClasspath();

	@Test
	void composeAndKubernetesSetTheSamePropertiesForEachAppApartFromTheListedDifferences() {
		Map<App, Set<String>> compose = composeProperties();
		Map<App, Set<String>> kubernetes = kubernetesProperties();
		for (App app : App.values()) {
			assertThat(compose.get(app)).as("properties the compose fleet sets for " + app.image).isNotEmpty();
			Set<String> onlyKubernetes = new TreeSet<>(kubernetes.get(app));
			onlyKubernetes.removeAll(compose.get(app));
			Set<String> onlyCompose = new TreeSet<>(compose.get(app));
			onlyCompose.removeAll(kubernetes.get(app));
			assertThat(onlyKubernetes).as(app.image + ": set by infra/k8s only").isEqualTo(ONLY_IN_KUBERNETES.get(app).keySet());
			assertThat(onlyCompose).as(app.image + ": set by infra/compose only").isEqualTo(ONLY_IN_COMPOSE.get(app).keySet());
		}
	}

	@Test
	void everyVariableOfTheComposeFleetSetsAPropertyItsAppDeclares() {
		List<String> unknown = new ArrayList<>();
		composeServices().forEach((service, app) -> variables(service).forEach((variable) -> {
			SpringProperties.Declared property = PROPERTIES.propertyOf(variable);
			if (property == null) {
				unknown.add(service + ": " + variable + " sets no declared property");
			}
			else if (property.name().startsWith("envstream.") && !property.name().startsWith(app.propertyPrefix)) {
				unknown.add(service + ": " + variable + " is " + property.name() + ", not a property of " + app.image);
			}
		}));
		assertThat(unknown).isEmpty();
	}

	private static Map<App, Set<String>> composeProperties() {
		Map<App, Set<String>> properties = new TreeMap<>();
		composeServices().forEach((service, app) -> properties.computeIfAbsent(app, (key) -> new TreeSet<>())
			.addAll(variables(service).stream().map(ComposeFleetParityTests::property).toList()));
		return properties;
	}

	private static Map<App, Set<String>> kubernetesProperties() {
		Map<App, Set<String>> properties = new TreeMap<>();
		for (Manifests.Workload workload : Manifests.load().workloads()) {
			for (Container container : workload.containers()) {
				Set<String> ofApp = properties.computeIfAbsent(App.ofImage(container.getImage()), (key) -> new TreeSet<>());
				container.getEnv().stream().map(EnvVar::getName).filter((name) -> !NOT_PROPERTIES.contains(name))
					.map(ComposeFleetParityTests::property).forEach(ofApp::add);
			}
		}
		return properties;
	}

	private static String property(String variable) {
		SpringProperties.Declared property = PROPERTIES.propertyOf(variable);
		return (property != null) ? property.name() : variable;
	}

	/** The variables (not in {@link #NOT_PROPERTIES}) of a compose service, by its name. */
	private static Set<String> variables(String service) {
		Map<String, Object> environment = map(map(compose().get("services")).get(service)).get("environment") instanceof Map<?, ?> env
				? map(env) : Map.of();
		Set<String> variables = new TreeSet<>(environment.keySet());
		variables.removeAll(NOT_PROPERTIES);
		return variables;
	}

	/** The compose services that run an envstream app, with the app. */
	private static Map<String, App> composeServices() {
		Map<String, App> services = new TreeMap<>();
		map(compose().get("services")).forEach((name, service) -> {
			String image = String.valueOf(map(service).get("image"));
			if (image.startsWith("envstream/collector:") || image.startsWith("envstream/stream-processor:")
					|| image.startsWith("envstream/ws-gateway:")) {
				services.put(name, App.ofImage(image));
			}
		});
		assertThat(services).as("envstream apps in the compose file").isNotEmpty();
		return services;
	}

	/** The compose file with its YAML anchors and merge keys resolved (SnakeYAML does both). */
	private static Map<String, Object> compose() {
		Path file = Path.of(System.getProperty("envstream.compose.file", "../infra/compose/docker-compose.yml"));
		try (Reader reader = Files.newBufferedReader(file)) {
			return map(new Yaml().load(reader));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + file, ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
