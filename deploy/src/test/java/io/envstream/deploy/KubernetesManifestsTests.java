package io.envstream.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The objects of infra/k8s: each one parsed strictly into the Kubernetes model (a kind, field or
 * type the API does not know fails the load), the kustomization that applies them, and what the
 * deployment promises: the collector on every Docker node with its node's name, its agent reached
 * only by the gateways, the gateway served, scaled and kept available.
 */
class KubernetesManifestsTests {

	private static final Manifests MANIFESTS = Manifests.load();

	/** Fields of kustomize's Kustomization (kustomize.config.k8s.io/v1beta1), which fabric8 does not model. */
	private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "metadata", "namespace",
			"namePrefix", "nameSuffix", "labels", "commonLabels", "commonAnnotations", "resources", "components",
			"images", "replicas", "patches", "configMapGenerator", "secretGenerator", "generatorOptions");

	private static final Map<String, String> COLLECTOR = Map.of("app.kubernetes.io/name", "envstream-collector");

	private static final Map<String, String> GATEWAY = Map.of("app.kubernetes.io/name", "envstream-ws-gateway");

	@Test
	void everyObjectOfEveryFileIsAKubernetesApiTypeWithOnlyFieldsTheApiKnows() {
		// Manifests.load() parsed them strictly; this names what the deployment consists of
		assertThat(MANIFESTS.all()).extracting((manifest) -> manifest.object().getApiVersion() + " " + manifest.object().getKind())
			.contains("apps/v1 DaemonSet", "apps/v1 Deployment", "v1 Service", "policy/v1 PodDisruptionBudget",
					"autoscaling/v2 HorizontalPodAutoscaler", "networking.k8s.io/v1 NetworkPolicy", "v1 ConfigMap",
					"v1 Secret", "v1 Namespace");
	}

	@Test
	void theKustomizationAppliesEveryManifestButTheExampleSecretsAndNamesEveryImage() {
		Path directory = Manifests.directory();
		Map<String, Object> kustomization = Manifests.kustomization(directory);
		List<String> files = Manifests.yamlFiles(directory).stream()
			.map((file) -> file.getFileName().toString())
			.filter((name) -> !name.equals(Manifests.KUSTOMIZATION) && !name.equals(Manifests.SECRETS_EXAMPLE))
			.toList();

		assertThat(kustomization).containsEntry("apiVersion", "kustomize.config.k8s.io/v1beta1")
			.containsEntry("kind", "Kustomization");
		assertThat(kustomization.keySet()).as("fields of kustomization.yaml").isSubsetOf(KUSTOMIZATION_FIELDS);
		assertThat(strings(kustomization.get("resources"))).containsExactlyInAnyOrderElementsOf(files);
		List<String> images = ((List<?>) kustomization.get("images")).stream()
			.map((image) -> (String) ((Map<?, ?>) image).get("name"))
			.toList();
		assertThat(images).containsExactlyInAnyOrderElementsOf(MANIFESTS.workloads().stream()
			.flatMap((workload) -> workload.containers().stream())
			.map(Container::getImage)
			.distinct()
			.toList());
	}

	@Test
	void everyConfigMapAndSecretAContainerReadsHoldsTheKeysItReads() {
		Map<String, Set<String>> configMaps = keys(MANIFESTS.applied(ConfigMap.class), (map) -> map.getData().keySet());
		Map<String, Set<String>> secrets = keys(MANIFESTS.all(Secret.class), KubernetesManifestsTests::secretKeys);
		List<String> missing = new ArrayList<>();
		for (Manifests.Workload workload : MANIFESTS.workloads()) {
			for (Container container : workload.containers()) {
				for (EnvVar variable : container.getEnv()) {
					if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
						var ref = variable.getValueFrom().getConfigMapKeyRef();
						check(configMaps, "ConfigMap", ref.getName(), ref.getKey(), workload.describe(container), missing);
					}
					if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
						var ref = variable.getValueFrom().getSecretKeyRef();
						check(secrets, "Secret", ref.getName(), ref.getKey(), workload.describe(container), missing);
					}
				}
			}
			for (Volume volume : workload.template().getSpec().getVolumes()) {
				if (volume.getSecret() != null) {
					String name = volume.getSecret().getSecretName();
					List<String> items = volume.getSecret().getItems().stream().map(KeyToPath::getKey).toList();
					check(secrets, "Secret", name, null, workload.manifest().describe(), missing);
					items.forEach((key) -> check(secrets, "Secret", name, key, workload.manifest().describe(), missing));
				}
			}
		}
		assertThat(missing).as("references to ConfigMaps and Secrets that do not exist").isEmpty();
	}

	@Test
	void theSecretsAreExamplesOnlyAndTheKustomizationCreatesNone() {
		assertThat(MANIFESTS.applied(Secret.class)).as("Secrets kubectl apply -k would create").isEmpty();
		assertThat(MANIFESTS.all(Secret.class)).isNotEmpty();
	}

	@Test
	void theCollectorRunsOnEveryDockerNodeWithTheNodeNameAsItsHostIdAndTheEnginesSocket() {
		DaemonSet collector = one(MANIFESTS.applied(DaemonSet.class));
		Container container = one(collector.getSpec().getTemplate().getSpec().getContainers());

		assertThat(collector.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(COLLECTOR);
		assertThat(container.getEnv()).filteredOn((variable) -> variable.getName().equals("ENVSTREAM_COLLECTOR_HOST_ID"))
			.singleElement()
			.satisfies((variable) -> assertThat(variable.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName"));
		Volume socket = collector.getSpec().getTemplate().getSpec().getVolumes().stream()
			.filter((volume) -> volume.getHostPath() != null && "Socket".equals(volume.getHostPath().getType()))
			.collect(Collectors.collectingAndThen(Collectors.toList(), KubernetesManifestsTests::one));
		assertThat(socket.getHostPath().getPath()).isEqualTo("/var/run/docker.sock");
		assertThat(socket.getHostPath().getType()).isEqualTo("Socket");
		assertThat(container.getVolumeMounts()).anySatisfy((mount) -> {
			assertThat(mount.getName()).isEqualTo(socket.getName());
			assertThat(mount.getMountPath()).isEqualTo("/var/run/docker.sock");
		});
	}

	@Test
	void theCollectorSeesTheEnginesLogFilesReadOnlyAtTheEnginesPath() {
		DaemonSet collector = one(MANIFESTS.applied(DaemonSet.class));
		Container container = one(collector.getSpec().getTemplate().getSpec().getContainers());
		Volume logs = collector.getSpec().getTemplate().getSpec().getVolumes().stream()
			.filter((volume) -> volume.getHostPath() != null && "Directory".equals(volume.getHostPath().getType()))
			.collect(Collectors.collectingAndThen(Collectors.toList(), KubernetesManifestsTests::one));

		assertThat(logs.getHostPath().getPath()).isEqualTo("/var/lib/docker/containers");
		assertThat(container.getVolumeMounts()).anySatisfy((mount) -> {
			assertThat(mount.getName()).isEqualTo(logs.getName());
			assertThat(mount.getMountPath()).isEqualTo("/var/lib/docker/containers");
			assertThat(mount.getReadOnly()).isTrue();
		});
	}

	@Test
	void onlyTheGatewaysReachTheCollectorsTerminalAgent() {
		DaemonSet collector = one(MANIFESTS.applied(DaemonSet.class));
		int agentPort = one(collector.getSpec().getTemplate().getSpec().getContainers()).getPorts().stream()
			.filter((port) -> "agent".equals(port.getName()))
			.collect(Collectors.collectingAndThen(Collectors.toList(), KubernetesManifestsTests::one))
			.getContainerPort();
		NetworkPolicy policy = MANIFESTS.applied(NetworkPolicy.class).stream()
			.filter((candidate) -> COLLECTOR.equals(candidate.getSpec().getPodSelector().getMatchLabels()))
			.collect(Collectors.collectingAndThen(Collectors.toList(), KubernetesManifestsTests::one));

		assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
		List<NetworkPolicyIngressRule> admittingTheAgent = policy.getSpec().getIngress().stream()
			.filter((rule) -> rule.getPorts().isEmpty()
					|| rule.getPorts().stream().anyMatch((port) -> port.getPort().getIntVal() == agentPort))
			.toList();
		assertThat(admittingTheAgent).isNotEmpty().allSatisfy((rule) -> {
			assertThat(rule.getFrom()).as("sources of the agent's port").isNotEmpty();
			assertThat(rule.getFrom()).allSatisfy(KubernetesManifestsTests::isTheGatewaysOnly);
		});
	}

	@Test
	void theGatewayIsServedScaledAndKeptAvailable() {
		Deployment gateway = MANIFESTS.applied(Deployment.class).stream()
			.filter((deployment) -> GATEWAY.equals(deployment.getSpec().getSelector().getMatchLabels()))
			.collect(Collectors.collectingAndThen(Collectors.toList(), KubernetesManifestsTests::one));
		Service service = one(MANIFESTS.applied(Service.class));
		PodDisruptionBudget budget = MANIFESTS.applied(PodDisruptionBudget.class).stream()
			.filter((candidate) -> GATEWAY.equals(candidate.getSpec().getSelector().getMatchLabels()))
			.collect(Collectors.collectingAndThen(Collectors.toList(), KubernetesManifestsTests::one));
		HorizontalPodAutoscaler autoscaler = one(MANIFESTS.applied(HorizontalPodAutoscaler.class));

		assertThat(service.getSpec().getSelector()).isEqualTo(GATEWAY);
		assertThat(service.getSpec().getPorts()).singleElement()
			.satisfies((port) -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
		assertThat(one(gateway.getSpec().getTemplate().getSpec().getContainers()).getPorts())
			.anySatisfy((port) -> {
				assertThat(port.getName()).isEqualTo("http");
				assertThat(port.getContainerPort()).isEqualTo(8080);
			});
		assertThat(budget.getSpec().getMinAvailable().getIntVal()).isPositive();
		assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
		assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(gateway.getMetadata().getName());
		assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThan(budget.getSpec().getMinAvailable().getIntVal());
		assertThat(gateway.getSpec().getReplicas()).as("replicas are the autoscaler's").isNull();
	}

	private static void isTheGatewaysOnly(NetworkPolicyPeer peer) {
		assertThat(peer.getIpBlock()).isNull();
		assertThat(peer.getNamespaceSelector()).isNull();
		assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(GATEWAY);
		assertThat(peer.getPodSelector().getMatchExpressions()).isEmpty();
	}

	private static void check(Map<String, Set<String>> objects, String kind, String name, String key, String who,
			List<String> missing) {
		if (!objects.containsKey(name)) {
			missing.add(who + " reads " + kind + " " + name + ", which no manifest defines");
		}
		else if (key != null && !objects.get(name).contains(key)) {
			missing.add(who + " reads key " + key + " of " + kind + " " + name + ", which it does not hold");
		}
	}

	private static <T extends HasMetadata> Map<String, Set<String>> keys(List<T> objects, Function<T, Set<String>> keys) {
		return objects.stream().collect(Collectors.toMap((object) -> object.getMetadata().getName(), keys));
	}

	private static List<String> strings(Object list) {
		return ((Collection<?>) list).stream().map(String::valueOf).toList();
	}

	static <T> T one(List<T> items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	/** A Secret's keys, whether given as data or stringData. */
	private static Set<String> secretKeys(Secret secret) {
		Set<String> keys = new HashSet<>(secret.getData().keySet());
		keys.addAll(secret.getStringData().keySet());
		return keys;
	}

}
