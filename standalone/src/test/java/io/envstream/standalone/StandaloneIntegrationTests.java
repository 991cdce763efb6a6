package io.envstream.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class StandaloneIntegrationTests {

	private static final String TOPIC = "envstream.standalone.kept";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void startsBrokerPostgresAndAppsAndKeepsTheirDataAcrossRestarts(@TempDir Path dataDir) throws Exception {
		String[] args = { "--envstream.standalone.data-dir=" + dataDir,
				"--envstream.standalone.kafka-port=" + freePort(),
				"--envstream.standalone.kafka-controller-port=" + freePort(),
				"--envstream.standalone.postgres-port=" + freePort(), "--envstream.standalone.gateway-port=0",
				"--envstream.standalone.collector-port=0", "--envstream.standalone.processor-port=0" };

		// given a first run that leaves a topic and a table behind
		try (ConfigurableApplicationContext first = StandaloneApplication.application().run(args)) {
			WhatRunsWhere where = first.getBean(Standalone.class).whatRunsWhere();
			try (Admin admin = admin(where)) {
				admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
				assertThat(topics(admin)).contains(TOPIC);
			}
			try (Connection connection = connect(where); Statement statement = connection.createStatement()) {
				assertThat(count(statement, "SELECT count(*) FROM flyway_schema_history WHERE success")).isPositive();
				statement.execute("CREATE TABLE kept_across_restarts (id int)");
			}
			assertThat(where.apps()).containsOnlyKeys("ws-gateway", "collector", "stream-processor");
			for (URI app : where.apps().values()) {
				assertThat(get(app.resolve("/actuator/health"))).contains("\"status\":\"UP\"");
			}
		}

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
		}
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
