package io.envstream.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector DaemonSet's environment, as Kubernetes would expand it on a node and as Spring Boot
 * binds it, with the agent-keys Secret laid out as the kubelet mounts a Secret volume: each
 * collector gets the key of its own node, and a node without one an empty key (terminals refused,
 * logs shipped).
 */
class CollectorAgentKeyTests {

	private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

	private static final String POD_IP = "10.244.1.7";

	private static final Manifests MANIFESTS = Manifests.load();

	@TempDir
	Path root;

	@Test
	void eachCollectorBindsTheKeyOfItsOwnNodeAndTheNodeNameAsItsHostId() throws IOException {
		// node names are DNS names: dots included
		String node = "ip-10-0-0-12.eu-west-1.compute.internal";
		mountAgentKeys(Map.of("node-a", "key-of-node-a-0123456789", node, "key-of-node-b-0123456789"));

		try (ConfigurableApplicationContext collector = collectorOn(node)) {
			Binder binder = Binder.get(collector.getEnvironment());

			assertThat(binder.bind("envstream.collector.terminal.key", String.class).get()).isEqualTo("key-of-node-b-0123456789");
			assertThat(binder.bind("envstream.collector.host-id", String.class).get()).isEqualTo(node);
			assertThat(binder.bind("server.address", String.class).get()).isEqualTo(POD_IP);
		}
	}

	@Test
	void aCollectorOnANodeWithoutAKeyBindsAnEmptyKey() throws IOException {
		mountAgentKeys(Map.of("node-a", "key-of-node-a-0123456789"));

		try (ConfigurableApplicationContext collector = collectorOn("node-c")) {
			assertThat(Binder.get(collector.getEnvironment()).bind("envstream.collector.terminal.key", String.class)
				.orElse("")).isEmpty();
		}
	}

	/** Starts a bare Spring Boot application with the environment the DaemonSet gives a pod on that node. */
	private ConfigurableApplicationContext collectorOn(String node) {
		Map<String, Object> env = podEnvironment(node);
		StandardEnvironment environment = new StandardEnvironment() {

			@Override
			public Map<String, Object> getSystemEnvironment() {
				return env;
			}

		};
		return new SpringApplicationBuilder(Bare.class).environment(environment)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run();
	}

	/** The container's variables as the kubelet sets them: references resolved, $(VAR) expanded. */
	private Map<String, Object> podEnvironment(String node) {
		Map<String, Object> env = new LinkedHashMap<>();
		for (EnvVar variable : container().getEnv()) {
			String value = (variable.getValueFrom() != null) ? valueOf(variable.getValueFrom(), node)
					: expand(variable.getValue(), env);
			// the pod's file system is under this test's directory
			env.put(variable.getName(), value.replace("configtree:/", "configtree:" + this.root + "/"));
		}
		return env;
	}

	private static String valueOf(EnvVarSource source, String node) {
		if (source.getFieldRef() != null) {
			return switch (source.getFieldRef().getFieldPath()) {
				case "spec.nodeName" -> node;
				case "status.podIP" -> POD_IP;
				default -> throw new AssertionError("no value for " + source.getFieldRef().getFieldPath());
			};
		}
		if (source.getConfigMapKeyRef() != null) {
			return MANIFESTS.applied(ConfigMap.class).stream()
				.filter((map) -> map.getMetadata().getName().equals(source.getConfigMapKeyRef().getName()))
				.findFirst()
				.orElseThrow()
				.getData()
				.get(source.getConfigMapKeyRef().getKey());
		}
		return "a secret";
	}

	private static String expand(String value, Map<String, Object> env) {
		Matcher reference = REFERENCE.matcher(value);
		StringBuilder expanded = new StringBuilder();
		while (reference.find()) {
			Object referenced = env.get(reference.group(1));
			reference.appendReplacement(expanded,
					Matcher.quoteReplacement((referenced != null) ? referenced.toString() : reference.group()));
		}
		return reference.appendTail(expanded).toString();
	}

	/** The agent-keys Secret as the kubelet mounts it: files in a hidden timestamped directory, reached through ..data. */
	private void mountAgentKeys(Map<String, String> keys) throws IOException {
		PodSpec pod = daemonSet().getSpec().getTemplate().getSpec();
		Volume volume = pod.getVolumes().stream()
			.filter((candidate) -> candidate.getSecret() != null
					&& candidate.getSecret().getSecretName().equals("envstream-collector-agent-keys"))
			.findFirst()
			.orElseThrow();
		VolumeMount mount = container().getVolumeMounts().stream()
			.filter((candidate) -> candidate.getName().equals(volume.getName()))
			.findFirst()
			.orElseThrow();
		Path directory = Files.createDirectories(this.root.resolve(mount.getMountPath().substring(1)));
		Path timestamped = Files.createDirectory(directory.resolve("..2026_12_03_19_00_00.000000001"));
		for (Map.Entry<String, String> key : keys.entrySet()) {
			Files.writeString(timestamped.resolve(key.getKey()), key.getValue());
			Files.createSymbolicLink(directory.resolve(key.getKey()), Path.of("..data", key.getKey()));
		}
		Files.createSymbolicLink(directory.resolve("..data"), timestamped.getFileName());
	}

	private static DaemonSet daemonSet() {
		return KubernetesManifestsTests.one(MANIFESTS.applied(DaemonSet.class));
	}

	private static Container container() {
		List<Container> containers = daemonSet().getSpec().getTemplate().getSpec().getContainers();
		return KubernetesManifestsTests.one(containers);
	}

	@Configuration(proxyBeanMethods = false)
	static class Bare {

	}

}
