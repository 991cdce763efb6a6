package io.envstream.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.envstream.testsupport.grafana.DashboardMetrics;
import io.envstream.testsupport.jwt.JwtFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StandaloneIntegrationTests {

	private static final String TOPIC = "envstream.standalone.kept";

	private static final String ENVIRONMENTS = "/api/v1/environments";

	private static final Pattern STORED_TOKEN = Pattern
		.compile("localStorage\\.setItem\\(\"" + SignInPage.STORAGE_KEY + "\", \"([A-Za-z0-9_.-]+)\"\\)");

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void startsBrokerPostgresAndAppsAndKeepsTheirDataAndSigningKeyAcrossRestarts(@TempDir Path dataDir)
			throws Exception {
		String[] args = args(dataDir);

		// given a first run that leaves a topic and a table behind
		try (ConfigurableApplicationContext first = StandaloneApplication.application().run(args)) {
			WhatRunsWhere where = first.getBean(Standalone.class).whatRunsWhere();
			try (Admin admin = admin(where)) {
				admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
				// a created topic reaches the broker's metadata cache a moment later
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(topics(admin)).contains(TOPIC));
			}
			try (Connection connection = connect(where); Statement statement = connection.createStatement()) {
				assertThat(count(statement, "SELECT count(*) FROM flyway_schema_history WHERE success")).isPositive();
				statement.execute("CREATE TABLE kept_across_restarts (id int)");
			}
			assertThat(where.apps()).containsOnlyKeys("ws-gateway", "collector", "stream-processor");
			assertThat(where.actuators().get(Apps.GATEWAY)).isNotEqualTo(where.apps().get(Apps.GATEWAY));
			for (URI app : where.actuators().values()) {
				assertThat(get(app.resolve("/actuator/health"))).contains("\"status\":\"UP\"");
			}
		}
		// and a token from the command, made while standalone is stopped
		String token = tokenCommand("alice", "--admin", "--envstream.standalone.data-dir=" + dataDir);

		// when it starts again on the same data directory
		try (ConfigurableApplicationContext second = StandaloneApplication.application().run(args)) {
			WhatRunsWhere where = second.getBean(Standalone.class).whatRunsWhere();

			// then
			try (Admin admin = admin(where)) {
				assertThat(topics(admin)).contains(TOPIC);
			}
			try (Connection connection = connect(where); Statement statement = connection.createStatement()) {
				assertThat(count(statement, "SELECT count(*) FROM pg_tables WHERE tablename = 'kept_across_restarts'"))
					.isEqualTo(1);
			}
			URI gateway = where.apps().get(Apps.GATEWAY);
			assertThat(status(gateway.resolve(ENVIRONMENTS), token)).as("a token of the kept key").isEqualTo(200);
			String forged = JwtFixture.create().tokenWithIssuer("alice", "https://envstream.local/issuer");
			assertThat(status(gateway.resolve(ENVIRONMENTS), forged)).as("a token of another key").isEqualTo(401);
			assertThat(webSocketCloseCode(gateway, forged)).isEqualTo(4401);
			assertThat(webSocketCloseCode(gateway, token)).as("known token, unknown environment").isEqualTo(4404);
		}
	}

	/**
	 * What a running standalone does, whatever came before: one standalone (in this JVM, on its own data directory) for
	 * these tests instead of one each, a start being seconds of the machine. They keep apart by what they make (a
	 * container, an environment row, a token of their own); they run after the test above, which starts its own twice.
	 */
	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class OneRunningStandalone {

		private final HttpClient http = HttpClient.newHttpClient();

		private Path dataDir;

		private String[] args;

		private ConfigurableApplicationContext standalone;

		@BeforeAll
		void start(@TempDir Path dataDir) throws IOException {
			this.dataDir = dataDir;
			this.args = args(dataDir);
			this.standalone = StandaloneApplication.application().run(this.args);
		}

		@AfterAll
		void stop() {
			if (this.standalone != null) {
				this.standalone.close();
			}
		}

		@Test
		void signInPageIssuesATokenTheGatewayAcceptsAndStoresItInTheBrowser() throws Exception {
			URI gateway = this.standalone.getBean(Standalone.class).whatRunsWhere().apps().get(Apps.GATEWAY);

			HttpResponse<String> form = this.http.send(HttpRequest.newBuilder(gateway.resolve("/signin")).build(),
					HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> signedIn = this.http.send(HttpRequest.newBuilder(gateway.resolve("/signin"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("user=bob&team=ops&admin=true"))
				.build(), HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> noUser = this.http.send(HttpRequest.newBuilder(gateway.resolve("/signin"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("user=+"))
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(form.statusCode()).isEqualTo(200);
			assertThat(form.body()).contains("<form method=\"post\" action=\"/signin\">", "value=\"demo\"")
				.as("admin is asked for, never the default")
				.contains("name=\"admin\"")
				.doesNotContain("checked");
			assertThat(signedIn.statusCode()).isEqualTo(200);
			assertThat(signedIn.headers().firstValue("Cache-Control")).hasValue("no-store");
			Matcher stored = STORED_TOKEN.matcher(signedIn.body());
			assertThat(stored.find()).as(signedIn.body()).isTrue();
			assertThat(signedIn.body()).contains("location.replace(\"/\")");
			assertThat(status(gateway.resolve(ENVIRONMENTS), stored.group(1))).isEqualTo(200);
			assertThat(noUser.statusCode()).isEqualTo(400);
			assertThat(noUser.body()).contains("Enter a user name.");
		}

		@Test
		void appsBrokerAndPostgresListenOnLoopbackOnlyByDefault() throws Exception {
			int postgresPort = List.of(this.args)
				.stream()
				.filter((arg) -> arg.startsWith("--envstream.standalone.postgres-port="))
				.mapToInt((arg) -> Integer.parseInt(arg.substring(arg.indexOf('=') + 1)))
				.findFirst()
				.orElseThrow();
			WhatRunsWhere where = this.standalone.getBean(Standalone.class).whatRunsWhere();
			List<Integer> ports = new ArrayList<>();
			where.apps().values().forEach((url) -> ports.add(url.getPort()));
			ports.add(where.actuators().get(Apps.GATEWAY).getPort());
			ports.add(Integer.parseInt(where.kafkaBootstrapServers().substring(where.kafkaBootstrapServers().indexOf(':') + 1)));
			ports.add(postgresPort);
			List<InetAddress> elsewhere = Listeners.nonLoopbackAddresses();

			for (int port : ports) {
				assertThat(Listeners.addressesListeningOn(port)).as("listening on port %d", port)
					.isNotEmpty()
					.allMatch(InetAddress::isLoopbackAddress);
				assertThat(Listeners.accepts(InetAddress.getLoopbackAddress(), port)).as("127.0.0.1:%d", port).isTrue();
				for (InetAddress address : elsewhere) {
					assertThat(Listeners.accepts(address, port)).as("%s port %d", address, port).isFalse();
				}
			}
		}

		@Test
		void opensATerminalWithoutAnyAgentSecretOrKeyConfigured() throws Exception {
			// given standalone with nothing about terminals configured, and an environment container
			try (DemoContainer container = DockerFixture.shared()
				.startDemo("standalone-term-" + UUID.randomUUID().toString().substring(0, 8))) {
				URI gateway = this.standalone.getBean(Standalone.class).whatRunsWhere().apps().get(Apps.GATEWAY);
				String token = tokenCommand("alice", "--admin", "--envstream.standalone.data-dir=" + this.dataDir);
				URI terminal = URI.create("ws://" + gateway.getAuthority() + "/api/v1/ws/environments/"
						+ container.environmentId() + "/terminal?token=" + token);

				// when a terminal is opened once the environment is known (until then: 1008, no agent yet)
				StringBuilder received = new StringBuilder();
				await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
					synchronized (received) {
						received.setLength(0);
					}
					return shellAnswers(terminal, received);
				});

				// then the gateway's token for the collector's host opened a shell there
				assertThat(received).contains("\"type\":\"ready\"").contains("standalone-42");
			}
		}

		@Test
		void exposesEveryMetricTheGrafanaDashboardQueries() throws Exception {
			Map<String, Set<String>> panels = DashboardMetrics.byPanel();
			assertThat(panels).as("panels of %s", DashboardMetrics.file())
				.containsKeys("Lines/s per stage", "End-to-end lag (p99)", "Closes by endpoint and code", "Catch-up readers",
						"Dead letters", "Alerts", "Active connections per endpoint", "Messages per second",
						"Average message latency", "Connection duration", "Error rate by close code",
						"Reconnection success rate");
			WhatRunsWhere where = this.standalone.getBean(Standalone.class).whatRunsWhere();
			URI gateway = where.apps().get(Apps.GATEWAY);
			// given a refused connection (closes are counted by code from the first one on), and a client
			// following an environment's logs (the live fan-out reports its lag per partition it reads)
			String forged = JwtFixture.create().tokenWithIssuer("alice", "https://envstream.local/issuer");
			assertThat(webSocketCloseCode(gateway, forged)).isEqualTo(4401);
			try (Connection connection = connect(where); Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO environments (environment_id, host_id, owner) "
						+ "VALUES ('dashboard-env', 'host-1', 'alice')");
			}
			String token = tokenCommand("alice", "--envstream.standalone.data-dir=" + this.dataDir);
			WebSocket follower = this.http.newWebSocketBuilder()
				.buildAsync(URI.create("ws://" + gateway.getAuthority() + "/api/v1/ws/environments/dashboard-env/logs"
						+ "?token=" + token), new WebSocket.Listener() {
						})
				.get(30, TimeUnit.SECONDS);
			try {
				// then every series a panel queries is exposed by one of the apps (the alerts app's by its own test)
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
					Set<String> exposed = new TreeSet<>();
					for (URI actuator : where.actuators().values()) {
						exposed.addAll(DashboardMetrics.exposed(get(actuator.resolve("/actuator/prometheus"))));
					}
					panels.forEach((title, series) -> assertThat(exposed).as("panel '%s'", title)
						.containsAll(series.stream().filter((name) -> !name.startsWith("envstream_alerts_")).toList()));
				});
			}
			finally {
				follower.abort();
			}
		}

	}

	/** Opens the terminal, runs an echo, and tells whether its output came back. */
	private boolean shellAnswers(URI terminal, StringBuilder received) throws Exception {
		CompletableFuture<Integer> closed = new CompletableFuture<>();
		WebSocket socket = this.http.newWebSocketBuilder().buildAsync(terminal, new WebSocket.Listener() {
			@Override
			public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
				synchronized (received) {
					received.append(data);
				}
				webSocket.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
				closed.complete(statusCode);
				return null;
			}
		}).get(30, TimeUnit.SECONDS);
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> closed.isDone() || contains(received, "\"type\":\"ready\""));
			if (closed.isDone()) {
				return false;
			}
			socket.sendText("{\"type\":\"input\",\"data\":\"echo standalone-$((6*7))\\r\"}", true).join();
			await().atMost(Duration.ofSeconds(10)).until(() -> contains(received, "standalone-42"));
			return true;
		}
		finally {
			socket.abort();
		}
	}

	private static boolean contains(StringBuilder received, String text) {
		synchronized (received) {
			return received.indexOf(text) >= 0;
		}
	}

	private static String[] args(Path dataDir) throws IOException {
		return new String[] { "--envstream.standalone.data-dir=" + dataDir,
				"--envstream.standalone.kafka-port=" + freePort(),
				"--envstream.standalone.kafka-controller-port=" + freePort(),
				"--envstream.standalone.postgres-port=" + freePort(), "--envstream.standalone.gateway-port=0",
				"--envstream.standalone.gateway-management-port=0",
				"--envstream.standalone.collector-port=0", "--envstream.standalone.processor-port=0" };
	}

	private static String tokenCommand(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = TokenCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
		return out.toString(StandardCharsets.UTF_8).strip();
	}

	private int status(URI uri, String token) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private int webSocketCloseCode(URI gateway, String token) throws Exception {
		CompletableFuture<Integer> closed = new CompletableFuture<>();
		URI logs = URI.create("ws://" + gateway.getAuthority() + "/api/v1/ws/environments/no-such-env/logs?token="
				+ token);
		this.http.newWebSocketBuilder().buildAsync(logs, new WebSocket.Listener() {
			@Override
			public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
				closed.complete(statusCode);
				return null;
			}

			@Override
			public void onError(WebSocket webSocket, Throwable error) {
				closed.completeExceptionally(error);
			}
		}).get(30, TimeUnit.SECONDS);
		return closed.get(30, TimeUnit.SECONDS);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static Admin admin(WhatRunsWhere where) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, where.kafkaBootstrapServers()));
	}

	private static Set<String> topics(Admin admin) throws Exception {
		return admin.listTopics().names().get(30, TimeUnit.SECONDS);
	}

	private static Connection connect(WhatRunsWhere where) throws SQLException {
		return DriverManager.getConnection(where.jdbcUrl(), EmbeddedDatabase.NAME, "");
	}

	private static long count(Statement statement, String query) throws SQLException {
		try (ResultSet rows = statement.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private String get(URI uri) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

}
