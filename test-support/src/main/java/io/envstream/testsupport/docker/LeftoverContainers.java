package io.envstream.testsupport.docker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.dockerjava.api.DockerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Force-removes, when the JVM exits, the demo containers a test forgot to close. */
final class LeftoverContainers {

	private static final Logger log = LoggerFactory.getLogger(LeftoverContainers.class);

	private final DockerClient client;
	private final Set<String> live = ConcurrentHashMap.newKeySet();
	private final AtomicBoolean hookAdded = new AtomicBoolean();

	LeftoverContainers(DockerClient client) {
		this.client = client;
	}

	void track(String containerId) {
		live.add(containerId);
		if (hookAdded.compareAndSet(false, true)) {
			Runtime.getRuntime().addShutdownHook(new Thread(this::removeAll, "envstream-docker-fixture-cleanup"));
		}
	}

	void forget(String containerId) {
		live.remove(containerId);
	}

	private void removeAll() {
		for (String id : live) {
			try {
				client.removeContainerCmd(id).withForce(true).exec();
				log.info("Removed leftover demo container {}", id);
			}
			catch (RuntimeException ex) {
				log.warn("Could not remove leftover demo container {}: {}", id, ex.getMessage());
			}
		}
	}

}
