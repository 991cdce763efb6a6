package io.envstream.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The parse the manifests go through refuses what the Kubernetes API would not take. */
class StrictParsingTests {

	private static final String DEPLOYMENT = """
			apiVersion: apps/v1
			kind: Deployment
			metadata:
			  name: example
			spec:
			  %s
			  selector:
			    matchLabels: {app: example}
			  template:
			    metadata:
			      labels: {app: example}
			    spec:
			      containers:
			        - name: example
			          image: example
			""";

	@TempDir
	Path directory;

	@Test
	void aFieldTheApiDoesNotKnowIsRefusedWithItsPath() throws IOException {
		write("example.yaml", DEPLOYMENT.formatted("replica: 2"));

		assertThatIllegalStateException().isThrownBy(() -> Manifests.load(this.directory))
			.withMessageContaining("example.yaml, Deployment example")
			.withMessageContaining("spec.replica");
	}

	@Test
	void aValueOfTheWrongTypeIsRefused() throws IOException {
		write("example.yaml", DEPLOYMENT.formatted("replicas: two"));

		assertThatIllegalStateException().isThrownBy(() -> Manifests.load(this.directory))
			.withMessageContaining("replicas");
	}

	@Test
	void aFieldMisspelledDeepInsideAPodTemplateIsRefused() throws IOException {
		write("example.yaml", DEPLOYMENT.formatted("replicas: 1").replace("image: example",
				"image: example\n          livenessProbe: {httpGet: {path: /, prot: 8080}}"));

		assertThatIllegalStateException().isThrownBy(() -> Manifests.load(this.directory))
			.withMessageContaining("spec.template.spec.containers[0].livenessProbe.httpGet.prot");
	}

	@Test
	void aKindTheApiDoesNotKnowIsRefused() throws IOException {
		write("example.yaml", DEPLOYMENT.formatted("replicas: 1").replace("kind: Deployment", "kind: Deploymnet"));

		assertThatIllegalStateException().isThrownBy(() -> Manifests.load(this.directory))
			.withMessageContaining("kind Deploymnet is not a Kubernetes API type");
	}

	@Test
	void everyDocumentOfAFileIsParsed() throws IOException {
		write("example.yaml", DEPLOYMENT.formatted("replicas: 1") + "---\n" + DEPLOYMENT.formatted("replica: 1"));

		assertThatIllegalStateException().isThrownBy(() -> Manifests.load(this.directory))
			.withMessageContaining("spec.replica");
	}

	private void write(String name, String text) throws IOException {
		Files.writeString(this.directory.resolve(name), text);
	}

}
