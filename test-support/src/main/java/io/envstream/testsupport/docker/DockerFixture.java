package io.envstream.testsupport.docker;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Docker engine for tests, and containers of the demo image ({@code infra/demo-image/demo}).
 * <p>
 * {@link #shared()} talks to the engine in the environment variable {@code DOCKER_HOST}
 * (e.g. {@code tcp://docker-host:2375}), else {@code unix:///var/run/docker.sock}; it pings the
 * engine first. The demo image defaults to {@value #DEFAULT_DEMO_IMAGE}, or the one named by
 * {@value #DEMO_IMAGE_ENV} (as for {@code infra/dev/build-demo-image.sh}). Containers started
 * here and not closed by the test are force-removed when the JVM exits.
 */
public final class DockerFixture {

	public static final String DEFAULT_DEMO_IMAGE = "envstream/demo:local";

	public static final String DEMO_IMAGE_ENV = "ENVSTREAM_DEMO_IMAGE";

	static final String ENVIRONMENT_LABEL = "envstream.environment";

	private static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

	private static final Logger log = LoggerFactory.getLogger(DockerFixture.class);

	private static DockerFixture shared; // guarded by DockerFixture.class

	private final String host;
	private final DockerClient client;
	private final String demoImage;
	private final LeftoverContainers leftovers;
	private volatile boolean demoImageChecked;

	private DockerFixture(String host, DockerClient client) {
		this.host = host;
		this.client = client;
		this.demoImage = Objects.requireNonNullElse(System.getenv(DEMO_IMAGE_ENV), DEFAULT_DEMO_IMAGE);
		this.leftovers = new LeftoverContainers(client);
	}

	/** The engine of {@code DOCKER_HOST} (default {@value #DEFAULT_HOST}), once per JVM. */
	public static synchronized DockerFixture shared() {
		if (shared == null) {
			String host = System.getenv("DOCKER_HOST");
			shared = connect(host == null || host.isBlank() ? DEFAULT_HOST : host.trim());
		}
		return shared;
	}

	/** A client for the engine at {@code dockerHost}, pinged before it is returned. */
	public static DockerFixture connect(String dockerHost) {
		DockerClient client = null;
		try {
			DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
					.withDockerHost(dockerHost)
					.build();
			DockerHttpClient http = new ApacheDockerHttpClient.Builder()
					.dockerHost(config.getDockerHost())
					.sslConfig(config.getSSLConfig())
					.connectionTimeout(Duration.ofSeconds(5))
					.build();
			client = DockerClientImpl.getInstance(config, http);
			client.pingCmd().exec();
		}
		catch (RuntimeException ex) {
			closeQuietly(client);
			throw new IllegalStateException("no Docker engine at " + dockerHost + ": " + rootMessage(ex)
					+ "; run infra/dev/ensure-docker.sh (the README's test command does it)", ex);
		}
		log.info("Docker engine answers at {}", dockerHost);
		return new DockerFixture(dockerHost, client);
	}

	public DockerClient client() {
		return client;
	}

	/** The engine's address, e.g. {@code unix:///var/run/docker.sock}, for a client of the test's own. */
	public String host() {
		return host;
	}

	/** The demo image's name, checked to exist in the engine on first call. */
	public String demoImage() {
		if (!demoImageChecked) {
			try {
				client.inspectImageCmd(demoImage).exec();
			}
			catch (NotFoundException ex) {
				throw new IllegalStateException("the demo image " + demoImage + " is not in the Docker engine at "
						+ host + "; build it with infra/dev/build-demo-image.sh (the README's test command does it)", ex);
			}
			demoImageChecked = true;
		}
		return demoImage;
	}

	/** Starts the demo image for the environment; see {@link #startDemo(String, Map, String...)}. */
	public DemoContainer startDemo(String environmentId, String... command) {
		return startDemo(environmentId, Map.of(), command);
	}

	/**
	 * Starts the demo image labelled {@code envstream.environment=<environmentId>} plus {@code labels}
	 * (full label names, e.g. {@code envstream.owner}, {@code envstream.team}). The command is the
	 * container's, e.g. {@code "demo", "lines", "-n", "5"}; when it starts with a demo sub-command
	 * ({@code idle}, {@code lines}, {@code burn}, {@code exit}), {@code demo} is put in front. No
	 * command: {@code demo idle}.
	 */
	public DemoContainer startDemo(String environmentId, Map<String, String> labels, String... command) {
		return start(environmentId, labels, null, false, command);
	}

	/**
	 * Starts the demo image for the environment with a TTY: the engine then keeps one stream, each line ending in
	 * {@code \r\n}, and serves it through its API unframed. The command as for
	 * {@link #startDemo(String, Map, String...)}.
	 */
	public DemoContainer startTtyDemo(String environmentId, String... command) {
		return startTtyDemo(environmentId, Map.of(), command);
	}

	/** {@link #startTtyDemo(String, String...)} with {@code labels} as for {@link #startDemo(String, Map, String...)}. */
	public DemoContainer startTtyDemo(String environmentId, Map<String, String> labels, String... command) {
		return start(environmentId, labels, null, true, command);
	}

	/**
	 * Starts the demo image for the environment, its log kept by {@code logConfig}'s driver (e.g. {@code local}, which
	 * keeps the bytes as written where {@code json-file} replaces what is not UTF-8); the command as for
	 * {@link #startDemo(String, Map, String...)}.
	 */
	public DemoContainer startDemo(String environmentId, LogConfig logConfig, String... command) {
		return start(environmentId, Map.of(), HostConfig.newHostConfig().withLogConfig(logConfig), false, command);
	}

	/**
	 * Starts a demo container of the environment that burns a core for {@code seconds} ({@code demo burn}).
	 * Its cgroup sits at the top of the hierarchy with a high CPU weight: under the engine's own group it
	 * would share one weight with every container against each busy process of a loaded machine, get a
	 * small share of a core, and {@code docker stats} would rightly show that.
	 */
	public DemoContainer startBurner(String environmentId, int seconds) {
		return start(environmentId, Map.of(), HostConfig.newHostConfig().withCgroupParent("/").withCpuShares(8192),
				false, "burn", Integer.toString(seconds));
	}

	private DemoContainer start(String environmentId, Map<String, String> labels, HostConfig hostConfig, boolean tty,
			String... command) {
		Map<String, String> allLabels = new LinkedHashMap<>(labels);
		allLabels.put(ENVIRONMENT_LABEL, environmentId);
		allLabels.put("envstream.test", "true");
		String name = "envstream-test-" + environmentId.replaceAll("[^a-zA-Z0-9_.-]", "-") + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
		CreateContainerCmd create = client.createContainerCmd(demoImage())
			.withName(name)
			.withLabels(allLabels)
			.withTty(tty);
		if (hostConfig != null) {
			create.withHostConfig(hostConfig);
		}
		if (command.length > 0) {
			create.withCmd(DemoCommands.expand(command));
		}
		String id = create.exec().getId();
		leftovers.track(id);
		DemoContainer container = new DemoContainer(client, id, name, environmentId, () -> leftovers.forget(id));
		try {
			client.startContainerCmd(id).exec();
		}
		catch (RuntimeException ex) {
			container.close();
			throw ex;
		}
		log.info("Started demo container {} ({}) for environment {}: {}", name, id.substring(0, 12), environmentId,
				command.length > 0 ? String.join(" ", command) : "demo idle");
		return container;
	}

	/** The engine's ID ({@code docker info}), the collector's default host id. */
	public String engineId() {
		return client.infoCmd().exec().getId();
	}

	private static void closeQuietly(DockerClient client) {
		try {
			if (client != null) {
				client.close();
			}
		}
		catch (IOException | RuntimeException ex) {
			// already failing for a better reason
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
	}

}
