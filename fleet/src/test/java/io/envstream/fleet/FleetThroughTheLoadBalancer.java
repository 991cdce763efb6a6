package io.envstream.fleet;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.envstream.gateway.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A compose fleet started for the test class and checked as a client sees it, through the load
 * balancer: every host gets an environment of this test, and its lines, written before the client
 * follows (history) and while it follows (live), must reach a WebSocket client. The fleet is removed
 * afterwards, on failure too, and before the start whatever an interrupted run left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FleetThroughTheLoadBalancer {

	/** Generous: the fleet's JVMs share the machine's 2 cores with whatever else runs. */
	static final Duration PATIENCE = Duration.ofMinutes(5);

	private static final ObjectMapper json = new ObjectMapper();

	Fleet fleet;

	String token;

	/** The fleet this class starts. */
	abstract Fleet.Size size();

	/** {@code scratch}: the fleet's secrets and the scripts' output, until the class is done. */
	@BeforeAll
	void startFleet(@TempDir Path scratch) {
		this.fleet = Fleet.ofThisBuild(size(), scratch);
		this.fleet.start();
		this.token = this.fleet.adminToken();
		for (String host : Fleet.HOSTS) {
			if (!this.fleet.docker(host, "ps", "-aq", "--filter", "name=^" + environmentOf(host) + "$").isBlank()) {
				// a fleet kept running (envstream.fleet.running) still has an earlier run's
				this.fleet.docker(host, "rm", "-f", environmentOf(host));
			}
			// an idle container whose lines the test writes to its stdout when it wants them
			this.fleet.docker(host, "run", "-d", "--name", environmentOf(host), "--label", "envstream.environment=" + environmentOf(host),
					"--label", "envstream.owner=fleet-it", "envstream/demo:local", "/bin/demo", "idle");
		}
	}

	@AfterAll
	void removeFleet() {
		if (this.fleet != null) {
			// every service's last lines stay in target/ when the fleet is gone
			this.fleet.saveLogs(Path.of("target", "fleet-it-logs-" + size().name().toLowerCase() + ".txt"));
			this.fleet.remove();
		}
	}

	@Test
	void historyAndLiveLinesOfEveryHostReachAWebSocketClientThroughTheLoadBalancer() {
		List<WsClient> clients = new ArrayList<>();
		try {
			for (String host : Fleet.HOSTS) {
				// given: a line written before anyone follows (history)
				print(host, "history");
				await().atMost(PATIENCE).until(() -> environments().contains(environmentOf(host)));
				clients.add(WsClient.connect(endpoint(host, "logs") + "&tail=100"));
			}
			for (int i = 0; i < Fleet.HOSTS.size(); i++) {
				WsClient client = clients.get(i);
				String host = Fleet.HOSTS.get(i);
				await("the history line of " + host).atMost(PATIENCE)
					.untilAsserted(() -> assertThat(messages(client)).as(received(client)).contains(line(host, "history")));
				// when: a line written while the client follows (live)
				print(host, "live");
				// then
				await("the live line of " + host).atMost(PATIENCE)
					.untilAsserted(() -> assertThat(messages(client)).as(received(client)).contains(line(host, "live")));
				assertThat(messages(client)).containsSubsequence(line(host, "history"), line(host, "live"));
				assertThat(client.violations).isEmpty();
			}
		}
		finally {
			clients.forEach(WsClient::close);
		}
	}

	static String environmentOf(String host) {
		return "fleet-it-" + host;
	}

	private static String line(String host, String which) {
		return "fleet-it " + host + " " + which;
	}

	/** Writes a line to the stdout of the host's test container, as its own process would. */
	private void print(String host, String which) {
		this.fleet.docker(host, "exec", environmentOf(host), "sh", "-c", "echo '" + line(host, which) + "' > /proc/1/fd/1");
	}

	String endpoint(String host, String name) {
		return this.fleet.url().replaceFirst("^http", "ws") + "/api/v1/ws/environments/" + environmentOf(host) + "/" + name
				+ "?token=" + URLEncoder.encode(this.token, StandardCharsets.UTF_8);
	}

	/** The WebSocket URL of an environment's logs through the load balancer, with the test's token. */
	String logsUrl(String environment) {
		return this.fleet.url().replaceFirst("^http", "ws") + "/api/v1/ws/environments/" + environment + "/logs?token="
				+ URLEncoder.encode(this.token, StandardCharsets.UTF_8);
	}

	private static List<String> messages(WsClient client) {
		return client.lines().stream().map((line) -> line.path("message").asText()).toList();
	}

	/** What a client got, for a failure's message: every message and how the connection closed, if it did. */
	private static String received(WsClient client) {
		return "received " + client.messages + (client.closed.isDone() ? ", closed " + client.closed.join() : ", open");
	}

	/** The ids GET /api/v1/environments lists, through the load balancer. */
	List<String> environments() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.fleet.url() + "/api/v1/environments"))
				.header("Authorization", "Bearer " + this.token)
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		json.readTree(response.body()).forEach((environment) -> ids.add(environment.path("id").asText()));
		return ids;
	}

}
