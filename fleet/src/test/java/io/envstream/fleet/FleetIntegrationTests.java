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
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.envstream.gateway.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compose fleet for real: 3 Kafka brokers, PostgreSQL, 2 stream-processors, 2 gateways behind
 * the load balancer and 3 Docker hosts, each its own engine with its own collector. Everything a
 * client does goes through the load balancer; every host gets an environment of this test, and its
 * lines, its status and a terminal in it must reach the client. The fleet is removed afterwards, on
 * failure too. The longer fleet suite is infra/dev/fleet-test.sh.
 */
class FleetIntegrationTests {

	/** Generous: the fleet's 14 JVMs share the machine's 2 cores with whatever else runs. */
	private static final Duration PATIENCE = Duration.ofMinutes(5);

	private static final ObjectMapper json = new ObjectMapper();

	@TempDir
	static Path scratch;

	private static Fleet fleet;

	private static String token;

	@BeforeAll
	static void startFleet() {
		fleet = Fleet.ofThisBuild(scratch);
		fleet.start();
		token = fleet.adminToken();
		for (String host : Fleet.HOSTS) {
			// an idle container whose lines the test writes to its stdout when it wants them
			fleet.docker(host, "run", "-d", "--name", environmentOf(host), "--label", "envstream.environment=" + environmentOf(host),
					"--label", "envstream.owner=fleet-it", "envstream/demo:local", "/bin/demo", "idle");
		}
	}

	@AfterAll
	static void removeFleet() {
		if (fleet != null) {
			// every service's last lines stay in target/ when the fleet is gone
			fleet.saveLogs(Path.of("target", "fleet-it-logs.txt"));
			fleet.remove();
		}
	}

	@Test
	void restThroughTheLoadBalancerListsTheEnvironmentsOfEveryHost() {
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(environments())
			.contains("host-1-web", "host-2-web", "host-3-web", environmentOf("host-1"), environmentOf("host-2"), environmentOf("host-3")));
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

	@Test
	void statusAndATerminalWorkForAnEnvironmentOfEveryHostThroughTheLoadBalancer() {
		for (String host : Fleet.HOSTS) {
			await().atMost(PATIENCE).until(() -> environments().contains(environmentOf(host)));
			try (WsClient status = WsClient.connect(endpoint(host, "status"));
					WsClient terminal = WsClient.connect(endpoint(host, "terminal") + "&cols=80&rows=24")) {
				await().atMost(PATIENCE)
					.until(() -> status.ofType("status").stream().anyMatch((message) -> message.path("status").asText().equals("running")));
				await().atMost(PATIENCE).until(() -> !terminal.ofType("ready").isEmpty());
				// the shell computes the answer: an echo of the input alone would not show it
				terminal.send("{\"type\":\"input\",\"data\":\"echo " + host + "-$((6*7))\\r\"}");
				await().atMost(PATIENCE).until(() -> output(terminal).contains(host + "-42"));
				assertThat(status.violations).isEmpty();
				assertThat(terminal.violations).isEmpty();
			}
		}
	}

	private static String environmentOf(String host) {
		return "fleet-it-" + host;
	}

	private static String line(String host, String which) {
		return "fleet-it " + host + " " + which;
	}

	/** Writes a line to the stdout of the host's test container, as its own process would. */
	private static void print(String host, String which) {
		fleet.docker(host, "exec", environmentOf(host), "sh", "-c", "echo '" + line(host, which) + "' > /proc/1/fd/1");
	}

	private static String endpoint(String host, String name) {
		return fleet.url().replaceFirst("^http", "ws") + "/api/v1/ws/environments/" + environmentOf(host) + "/" + name
				+ "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
	}

	private static List<String> messages(WsClient client) {
		return client.lines().stream().map((line) -> line.path("message").asText()).toList();
	}

	/** What a client got, for a failure's message: every message and how the connection closed, if it did. */
	private static String received(WsClient client) {
		return "received " + client.messages + (client.closed.isDone() ? ", closed " + client.closed.join() : ", open");
	}

	private static String output(WsClient client) {
		return client.ofType("output").stream().map((message) -> message.path("data").asText()).collect(Collectors.joining());
	}

	/** The ids GET /api/v1/environments lists, through the load balancer. */
	private static List<String> environments() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(fleet.url() + "/api/v1/environments"))
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		json.readTree(response.body()).forEach((environment) -> ids.add(environment.path("id").asText()));
		return ids;
	}

}
