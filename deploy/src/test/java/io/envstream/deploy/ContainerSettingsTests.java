package io.envstream.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each container of the manifests sets: only properties its app declares, probes on the port
 * its app's actuator really listens on, and resource requests.
 */
class ContainerSettingsTests {

	private static final Manifests MANIFESTS = Manifests.load();

	private static final SpringProperties PROPERTIES = SpringProperties.onClasspath();

	/** Not properties: read by the JVM itself. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

	private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

	@Test
	void everyEnvironmentVariableSetsAPropertyItsAppDeclares() {
		assertThat(PROPERTIES.size()).as("properties in the metadata on the classpath").isGreaterThan(500);
		List<String> unknown = new ArrayList<>();
		forEachContainer((workload, container, app) -> {
			for (EnvVar variable : container.getEnv()) {
				String name = variable.getName();
				SpringProperties.Declared property = PROPERTIES.propertyOf(name);
				if (JVM_VARIABLES.contains(name)) {
					continue;
				}
				if (property == null) {
					unknown.add(workload.describe(container) + ": " + name + " sets no declared property");
				}
				else if (property.name().startsWith("envstream.") && !property.name().startsWith(app.propertyPrefix)) {
					unknown.add(workload.describe(container) + ": " + name + " is " + property.name() + ", not a property of "
							+ app.image);
				}
			}
		});
		assertThat(unknown).isEmpty();
	}

	@Test
	void aVariableReferenceNamesAVariableSetBeforeIt() {
		List<String> dangling = new ArrayList<>();
		forEachContainer((workload, container, app) -> {
			Set<String> before = new HashSet<>();
			for (EnvVar variable : container.getEnv()) {
				Matcher reference = REFERENCE.matcher(variable.getValue() == null ? "" : variable.getValue());
				while (reference.find()) {
					if (!before.contains(reference.group(1))) {
						dangling.add(workload.describe(container) + ": " + variable.getName() + " refers to $("
								+ reference.group(1) + "), not set before it: Kubernetes would leave it as is");
					}
				}
				before.add(variable.getName());
			}
		});
		assertThat(dangling).isEmpty();
	}

	@Test
	void everyContainerHasLivenessAndReadinessProbesOnItsAppsActuatorWithTheProbeGroupsEnabled() {
		SoftAssertions softly = new SoftAssertions();
		forEachContainer((workload, container, app) -> {
			String who = workload.describe(container);
			Map<String, String> env = literalEnv(container);
			JsonNode defaults = defaults(app);
			// the actuator follows server.port unless management.server.port moves it; env over the defaults file
			int managementPort = Integer.parseInt(firstSet(env.get("MANAGEMENT_SERVER_PORT"),
					at(defaults, "management.server.port"), env.get("SERVER_PORT"), at(defaults, "server.port")));

			softly.assertThat(firstSet(env.get("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED"),
					at(defaults, "management.endpoint.health.probes.enabled")))
				.as(who + ": management.endpoint.health.probes.enabled")
				.isEqualTo("true");
			assertProbe(softly, who + " liveness", container, container.getLivenessProbe(), "/actuator/health/liveness", managementPort);
			assertProbe(softly, who + " readiness", container, container.getReadinessProbe(), "/actuator/health/readiness",
					managementPort);
			if (container.getStartupProbe() != null) {
				assertProbe(softly, who + " startup", container, container.getStartupProbe(), "/actuator/health/liveness",
						managementPort);
			}
		});
		softly.assertAll();
	}

	@Test
	void everyContainerRequestsCpuAndMemoryAndMayUseMoreMemoryThanItRequests() {
		forEachContainer((workload, container, app) -> {
			String who = workload.describe(container);
			Map<String, Quantity> requests = container.getResources().getRequests();
			Map<String, Quantity> limits = container.getResources().getLimits();

			assertThat(requests).as(who + " requests").containsKeys("cpu", "memory");
			assertThat(Quantity.getAmountInBytes(requests.get("cpu"))).as(who + " cpu request").isPositive();
			assertThat(Quantity.getAmountInBytes(requests.get("memory"))).as(who + " memory request").isPositive();
			assertThat(limits).as(who + " limits").containsKey("memory");
			assertThat(Quantity.getAmountInBytes(limits.get("memory")))
				.as(who + " memory limit").isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
		});
	}

	private static void assertProbe(SoftAssertions softly, String who, Container container, Probe probe, String path,
			int managementPort) {
		softly.assertThat(probe).as(who).isNotNull();
		if (probe == null || probe.getHttpGet() == null) {
			softly.fail(who + " has no httpGet");
			return;
		}
		softly.assertThat(probe.getHttpGet().getPath()).as(who + " path").isEqualTo(path);
		softly.assertThat(port(container, probe.getHttpGet().getPort())).as(who + " port").isEqualTo(managementPort);
	}

	private static int port(Container container, IntOrString port) {
		if (port.getIntVal() != null) {
			return port.getIntVal();
		}
		return container.getPorts().stream()
			.filter((candidate) -> port.getStrVal().equals(candidate.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal()))
			.getContainerPort();
	}

	private static Map<String, String> literalEnv(Container container) {
		Map<String, String> env = new HashMap<>();
		container.getEnv().stream().filter((variable) -> variable.getValue() != null)
			.forEach((variable) -> env.put(variable.getName(), variable.getValue()));
		return env;
	}

	/** A value of the defaults file by its property name, or null. */
	private static String at(JsonNode defaults, String property) {
		JsonNode node = defaults;
		for (String key : property.split("\\.")) {
			node = node.path(key);
		}
		return node.isValueNode() ? node.asString() : null;
	}

	private static String firstSet(String... values) {
		return Arrays.stream(values).filter(Objects::nonNull).findFirst().orElse(null);
	}

	/** The defaults file the app's jar carries (collector.yaml, processor.yaml, gateway.yaml). */
	private static JsonNode defaults(App app) {
		try (InputStream in = ContainerSettingsTests.class.getClassLoader().getResourceAsStream(app.defaultsFile)) {
			assertThat(in).as(app.defaultsFile + " on the classpath").isNotNull();
			return new YAMLMapper().readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + app.defaultsFile, ex);
		}
	}

	private static void forEachContainer(ContainerCheck check) {
		assertThat(MANIFESTS.workloads()).isNotEmpty();
		for (Manifests.Workload workload : MANIFESTS.workloads()) {
			for (Container container : workload.containers()) {
				check.accept(workload, container, App.ofImage(container.getImage()));
			}
		}
	}

	@FunctionalInterface
	private interface ContainerCheck {

		void accept(Manifests.Workload workload, Container container, App app);

	}

}
