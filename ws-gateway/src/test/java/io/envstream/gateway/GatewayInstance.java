package io.envstream.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.jwt.JwtFixture;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.PostgresFixture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A ws-gateway started the way {@code main} starts it, on a random port (and management port), against the shared real
 * broker and PostgreSQL, trusting {@link #JWT}'s key; with extra {@code --name=value} arguments.
 */
public final class GatewayInstance implements AutoCloseable {

	/** Partitions of envstream.logs in these tests. */
	public static final int PARTITIONS = 3;

	public static final JwtFixture JWT = JwtFixture.create();

	private static final HttpClient http = HttpClient.newHttpClient();

	private final ConfigurableApplicationContext context;

	private GatewayInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static synchronized void provisionTopics() {
		new TopicProvisioner(KafkaFixture.shared().admin(), PARTITIONS, (short) 1).provision(List.of(Topics.LOGS, Topics.STATUS, Topics.METRICS, Topics.CLAIMS, Topics.ALERTS));
	}

	public static GatewayInstance start(String... extra) {
		provisionTopics();
		KafkaFixture kafka = KafkaFixture.shared();
		PostgresFixture postgres = PostgresFixture.shared();
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + postgres.username(),
				"--spring.datasource.password=" + postgres.password(),
				"--envstream.gateway.jwt.issuer=" + JWT.issuer(), "--envstream.gateway.jwt.audience=" + JWT.audience(),
				"--envstream.gateway.jwt.public-key=" + Base64.getEncoder().encodeToString(JWT.publicKey().getEncoded()),
				"--envstream.gateway.heartbeat-interval=500ms", "--envstream.gateway.heartbeat-timeout=3s",
				"--envstream.gateway.connect-rate-burst=1000",
				// every test client connects from 127.0.0.1: the per-address and REST rates have tests of their own
				"--envstream.gateway.limits.address-connect-burst=100000",
				"--envstream.gateway.limits.rest-request-burst=100000", "--spring.main.banner-mode=off"));
		args.addAll(List.of(extra));
		// a later --name=value replaces an earlier one (Spring would join both into a list)
		java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
		args.forEach((arg) -> byName.put(arg.substring(0, arg.indexOf('=')), arg));
		return new GatewayInstance(GatewayApplication.application().run(byName.values().toArray(String[]::new)));
	}

	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
	}

	public String logsUrl(String environmentId, String query) {
		return "ws://localhost:" + port() + "/api/v1/ws/environments/" + environmentId + "/logs"
				+ ((query == null || query.isEmpty()) ? "" : "?" + query);
	}

	public String statusUrl(String environmentId, String query) {
		return "ws://localhost:" + port() + "/api/v1/ws/environments/" + environmentId + "/status"
				+ ((query == null || query.isEmpty()) ? "" : "?" + query);
	}

	public String httpUrl(String path) {
		return "http://localhost:" + port() + path;
	}

	/** {@code GET path} on the gateway's API, with {@code token} as bearer, or none if it is null. */
	public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(httpUrl(path)));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The count of the gateway's counter {@code name} with the given tag keys and values (0 before its first count). */
	public double counter(String name, String... tags) {
		Counter counter = this.context.getBean(MeterRegistry.class).find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** The closes of {@code endpoint}'s connections so far by close code, refused connections included. */
	public Map<String, Long> closesByCode(String endpoint) {
		Map<String, Long> closes = new TreeMap<>();
		this.context.getBean(MeterRegistry.class)
			.find("envstream.gateway.closes")
			.tag("endpoint", endpoint)
			.counters()
			.forEach((counter) -> closes.put(counter.getId().getTag("code"), (long) counter.count()));
		return closes;
	}

	/** The value of the gateway's gauge {@code name} with the given tag keys and values. */
	public double gauge(String name, String... tags) {
		return this.context.getBean(MeterRegistry.class).get(name).tags(tags).gauge().value();
	}

	/** The management port, where the actuator endpoints ({@code /actuator/prometheus}, health) answer. */
	public String managementUrl(String path) {
		return "http://localhost:" + this.context.getEnvironment().getProperty("local.management.port") + path;
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
