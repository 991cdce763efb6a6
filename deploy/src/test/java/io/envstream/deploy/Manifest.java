package io.envstream.deploy;

import java.nio.file.Path;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One object of a file in infra/k8s, parsed into the Kubernetes model. */
record Manifest(Path file, HasMetadata object) {

	String describe() {
		return this.object.getKind() + " " + this.object.getMetadata().getName() + " (" + this.file.getFileName() + ")";
	}

}
