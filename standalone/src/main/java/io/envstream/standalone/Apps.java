package io.envstream.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.envstream.collector.CollectorApplication;
import io.envstream.collector.HostId;
import io.envstream.gateway.GatewayApplication;
import io.envstream.processor.StreamProcessorApplication;
import io.envstream.schemas.terminal.AgentTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * The three apps, each a {@link SpringApplication} of its own in this JVM, started
 * the way their {@code main} starts them (so each reads its own defaults file) and
 * pointed at the launcher's Kafka and PostgreSQL.
 */
final class Apps implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Apps.class);

	static final String GATEWAY = "ws-gateway";

	private final StandaloneProperties properties;

	private final List<App> running = new ArrayList<>();

	private Apps(StandaloneProperties properties) {
		this.properties = properties;
	}

	/**
	 * Starts the stream-processor and the gateway (both migrate the database: whichever
	 * is first does it), then the collector, the producer, last. With a local issuer the
	 * gateway trusts its key and, if enabled, serves the sign-in page.
	 */
	static Apps start(StandaloneProperties properties, String kafkaBootstrapServers, String jdbcUrl,
			Optional<LocalIssuer> issuer, Environment environment, String[] args) {
		Map<String, Object> kafka = Map.of("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
		Map<String, Object> database = Map.of("spring.datasource.url", jdbcUrl);
		// Kafka Streams' default is /tmp/kafka-streams, shared by every standalone on the machine: a second one
		// would fail on its lock, or take up state that belongs to another broker's topics
		Map<String, Object> streamsState = Map.of("spring.kafka.streams.state-dir",
				properties.dataDir().resolve("kafka-streams").toAbsolutePath().toString());
		// the gateway opens terminals on the collector with tokens signed by a master secret only this JVM knows;
		// the collector holds only its own host's key, derived from it as an operator derives each host's key
		String agentSecret = agentSecret();
		String collectorHostId = HostId.of(environment.getProperty("envstream.collector.host-id"),
				environment.getProperty("envstream.collector.docker-host", HostId.DEFAULT_DOCKER_HOST));
		int collectorPort = (properties.collectorPort() != 0) ? properties.collectorPort() : freePort();
		Apps apps = new Apps(properties);
		try {
			apps.run("stream-processor", StreamProcessorApplication.application(), properties.processorPort(),
					merge(merge(kafka, database), streamsState), args);
			SpringApplication gateway = GatewayApplication.application();
			// the gateway alone serves its actuator on a port of its own (the others have no public API)
			Map<String, Object> gatewaySettings = merge(merge(kafka, database),
					Map.of("envstream.gateway.terminal.agent-secret", agentSecret, "management.server.port",
							properties.gatewayManagementPort(), "management.server.address",
							properties.bindAddress().getHostAddress()));
			issuer.ifPresent((local) -> {
				gatewaySettings.putAll(local.gatewaySettings());
				if (properties.signIn()) {
					local.addSignInTo(gateway, properties);
				}
			});
			apps.run(GATEWAY, gateway, properties.gatewayPort(), gatewaySettings, args);
			apps.run("collector", CollectorApplication.application(), collectorPort,
					merge(kafka, Map.of("envstream.collector.host-id", collectorHostId, "envstream.collector.terminal.key",
							AgentTokens.hostKey(agentSecret, collectorHostId), "envstream.collector.agent-url",
							"ws://" + properties.appHost() + ":" + collectorPort + "/internal/terminal")),
					args);
			return apps;
		}
		catch (RuntimeException ex) {
			apps.close();
			throw ex;
		}
	}

	private void run(String name, SpringApplication application, int port, Map<String, Object> settings,
			String[] args) {
		Map<String, Object> overrides = new LinkedHashMap<>(settings);
		overrides.put("server.port", port);
		overrides.put("server.address", this.properties.bindAddress().getHostAddress());
		// the launcher closes the apps itself, before the broker and PostgreSQL
		application.setRegisterShutdownHook(false);
		application.setBannerMode(Banner.Mode.OFF);
		// one JVM, one logging configuration: the launcher's; an app re-initializing it would reset it for all
		application.setListeners(application.getListeners()
			.stream()
			.filter((listener) -> !(listener instanceof LoggingApplicationListener))
			.toList());
		// above anything else, the operator's application.yaml included: it is what the launcher started
		application.addInitializers((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("envstream-standalone", overrides)));
		logger.info("Starting {}", name);
		ConfigurableApplicationContext context = application.run(args);
		this.running.add(new App(name, context));
	}

	private static String agentSecret() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	/** A port free now, so the collector's agent URL is known before it starts. */
	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free port for the collector", ex);
		}
	}

	private static Map<String, Object> merge(Map<String, Object> first, Map<String, Object> second) {
		Map<String, Object> merged = new LinkedHashMap<>(first);
		merged.putAll(second);
		return merged;
	}

	/** Where each app answers, by name, in start order. */
	Map<String, URI> urls() {
		Map<String, URI> urls = new LinkedHashMap<>();
		this.running.forEach((app) -> urls.put(app.name(), app.url(this.properties.appHost())));
		return urls;
	}

	/** Where each app's actuator endpoints answer, by name, in start order. */
	Map<String, URI> actuatorUrls() {
		Map<String, URI> urls = new LinkedHashMap<>();
		this.running.forEach((app) -> urls.put(app.name(), app.actuatorUrl(this.properties.appHost())));
		return urls;
	}

	/** Closes the apps in the reverse order of their start. */
	@Override
	public void close() {
		List<App> apps = new ArrayList<>(this.running);
		Collections.reverse(apps);
		for (App app : apps) {
			logger.info("Stopping {}", app.name());
			try {
				app.context().close();
			}
			catch (RuntimeException ex) {
				logger.warn("{} did not stop cleanly", app.name(), ex);
			}
		}
		this.running.clear();
	}

	private record App(String name, ConfigurableApplicationContext context) {

		URI url(String host) {
			return URI.create("http://" + host + ":" + this.context.getEnvironment().getProperty("local.server.port"));
		}

		/** The management port's URL where the app has one, else its own. */
		URI actuatorUrl(String host) {
			String port = this.context.getEnvironment().getProperty("local.management.port");
			return (port != null) ? URI.create("http://" + host + ":" + port) : url(host);
		}

	}

}
