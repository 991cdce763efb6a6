package io.envstream.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes manifests of infra/k8s, every object of every file parsed strictly into the
 * fabric8 model: a kind the model does not know, a field it does not know or a value of the wrong
 * type is an error naming the file, the object and the field.
 */
final class Manifests {

	static final String KUSTOMIZATION = "kustomization.yaml";

	/** Secrets the operator creates: an example of their names and keys, out of the kustomization. */
	static final String SECRETS_EXAMPLE = "secrets.example.yaml";

	private static final YAMLMapper YAML = new YAMLMapper();

	private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

	private final List<Manifest> objects;

	private Manifests(List<Manifest> objects) {
		this.objects = objects;
	}

	/** The directory the build names (the module's pom), else infra/k8s beside the module. */
	static Path directory() {
		return Path.of(System.getProperty("envstream.k8s.dir", "../infra/k8s"));
	}

	static Manifests load() {
		return load(directory());
	}

	static Manifests load(Path directory) {
		List<Manifest> objects = new ArrayList<>();
		for (Path file : yamlFiles(directory)) {
			if (!file.getFileName().toString().equals(KUSTOMIZATION)) {
				for (JsonNode document : documents(file)) {
					objects.add(new Manifest(file, parse(file, document)));
				}
			}
		}
		return new Manifests(objects);
	}

	static List<Path> yamlFiles(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list " + directory, ex);
		}
	}

	static List<JsonNode> documents(Path file) {
		try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
			return documents.readAll().stream().filter((document) -> !document.isNull() && !document.isMissingNode()).toList();
		}
		catch (JacksonException ex) {
			throw new IllegalStateException(file.getFileName() + " is not YAML: " + ex.getMessage(), ex);
		}
	}

	static Map<String, Object> kustomization(Path directory) {
		List<JsonNode> documents = documents(directory.resolve(KUSTOMIZATION));
		if (documents.size() != 1) {
			throw new IllegalStateException(KUSTOMIZATION + " must hold one document, not " + documents.size());
		}
		return YAML.convertValue(documents.get(0), new TypeReference<Map<String, Object>>() {
		});
	}

	/** One object in the model's own class for its apiVersion and kind, or an error saying what is wrong. */
	static HasMetadata parse(Path file, JsonNode document) {
		String where = file.getFileName() + ", " + document.path("kind").asString("(no kind)") + " "
				+ document.path("metadata").path("name").asString("(no name)");
		Object object;
		try {
			object = KUBERNETES.unmarshal(document.toString());
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(where + ": " + rootCause(ex).getMessage(), ex);
		}
		if (!(object instanceof HasMetadata resource) || object instanceof GenericKubernetesResource) {
			throw new IllegalStateException(where + ": apiVersion " + document.path("apiVersion").asString("(none)")
					+ " kind " + document.path("kind").asString("(none)") + " is not a Kubernetes API type");
		}
		List<String> unknown = StrictModel.unknownFields(resource);
		if (!unknown.isEmpty()) {
			throw new IllegalStateException(where + ": not in the Kubernetes API schema (unknown field or wrong type): "
					+ String.join(", ", unknown));
		}
		if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
			throw new IllegalStateException(where + ": metadata.name missing");
		}
		return resource;
	}

	/** fabric8 wraps Jackson's message, which names the field, in one of its own that does not. */
	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	List<Manifest> all() {
		return this.objects;
	}

	/** The objects `kubectl apply -k` creates: all but the example Secrets. */
	List<Manifest> applied() {
		return this.objects.stream()
			.filter((manifest) -> !manifest.file().getFileName().toString().equals(SECRETS_EXAMPLE))
			.toList();
	}

	<T extends HasMetadata> List<T> applied(Class<T> kind) {
		return applied().stream().map(Manifest::object).filter(kind::isInstance).map(kind::cast).toList();
	}

	<T extends HasMetadata> List<T> all(Class<T> kind) {
		return this.objects.stream().map(Manifest::object).filter(kind::isInstance).map(kind::cast).toList();
	}

	/** Every pod template the kustomization applies, with the object that owns it. */
	List<Workload> workloads() {
		return applied().stream().map(Manifests::workload).filter(Objects::nonNull).toList();
	}

	private static Workload workload(Manifest manifest) {
		PodTemplateSpec template = null;
		if (manifest.object() instanceof Deployment deployment) {
			template = deployment.getSpec().getTemplate();
		}
		else if (manifest.object() instanceof DaemonSet daemonSet) {
			template = daemonSet.getSpec().getTemplate();
		}
		return (template != null) ? new Workload(manifest, template) : null;
	}

	/** A Deployment's or DaemonSet's pod template. */
	record Workload(Manifest manifest, PodTemplateSpec template) {

		List<Container> containers() {
			List<Container> containers = new ArrayList<>(this.template.getSpec().getContainers());
			containers.addAll(this.template.getSpec().getInitContainers());
			return containers;
		}

		String describe(Container container) {
			return this.manifest.describe() + " container " + container.getName();
		}

	}

}
