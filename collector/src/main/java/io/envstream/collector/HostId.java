package io.envstream.collector;

import java.io.IOException;
import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * A collector's host id: {@code envstream.collector.host-id} when set, else its Docker engine's
 * ID. Public for a launcher that must know it before the collector starts (its agent key is
 * derived from it).
 */
public final class HostId {

	/** The engine a collector watches unless {@code envstream.collector.docker-host} says otherwise. */
	public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

	private HostId() {
	}

	/**
	 * The host id of a collector configured so, asking the engine with a client of its own if needed.
	 * @param configured {@code envstream.collector.host-id}, or empty
	 * @param dockerHost {@code envstream.collector.docker-host}
	 * @throws IllegalStateException when none is configured and the engine cannot tell its ID
	 */
	public static String of(String configured, String dockerHost) {
		if (configured != null && !configured.isBlank()) {
			return configured.trim();
		}
		DockerClientConfig config = dockerConfig(dockerHost);
		try (DockerClient docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
			.dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			.connectionTimeout(Duration.ofSeconds(5))
			.build())) {
			return engineId(docker, dockerHost);
		}
		catch (IOException ex) {
			// closing a client that has answered: nothing left to release
			throw new IllegalStateException("closing the Docker client of " + dockerHost + " failed", ex);
		}
	}

	static String of(String configured, DockerClient docker, String dockerHost) {
		return (configured != null && !configured.isBlank()) ? configured.trim() : engineId(docker, dockerHost);
	}

	static DockerClientConfig dockerConfig(String dockerHost) {
		return DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
	}

	private static String engineId(DockerClient docker, String dockerHost) {
		try {
			return docker.infoCmd().exec().getId().replace('/', '_');
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("envstream.collector.host-id is not set and the Docker engine at "
					+ dockerHost + " cannot tell its ID: " + ex.getMessage(), ex);
		}
	}

}
