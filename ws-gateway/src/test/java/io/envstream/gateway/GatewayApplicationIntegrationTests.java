package io.envstream.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.envstream.testsupport.postgres.PostgresFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

// the main method runs, so gateway.yaml is read exactly as in production
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS)
class GatewayApplicationIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private GatewayProperties properties;

	@Autowired
	private WebServerApplicationContext context;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresFixture postgres = PostgresFixture.shared();
		registry.add("spring.datasource.url", postgres::jdbcUrl);
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", postgres::password);
	}

	@Test
	void reportsHealthUpIncludingTheDatabaseOnTheManagementPort() throws Exception {
		HttpResponse<String> response = get(this.managementPort, "/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void exposesJvmAndGatewayMetricsForPrometheusOnTheManagementPort() throws Exception {
		HttpResponse<String> response = get(this.managementPort, "/actuator/prometheus");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes").contains("envstream_gateway_");
	}

	@Test
	void servesNoActuatorEndpointOnTheApiPort() throws Exception {
		assertThat(get(this.port, "/actuator/prometheus").statusCode()).isEqualTo(404);
		assertThat(get(this.port, "/actuator/health").statusCode()).isEqualTo(404);
		assertThat(get(this.port, "/actuator/info").statusCode()).isEqualTo(404);
	}

	@Test
	void deniesEverythingBesidesTheOperationalEndpointsAndTheAuthenticatedApi() throws Exception {
		assertThat(get(this.managementPort, "/actuator/info").statusCode()).isEqualTo(200);
		assertThat(get(this.managementPort, "/actuator/health/liveness").statusCode()).isNotEqualTo(403);
		assertThat(get(this.managementPort, "/actuator").statusCode()).isEqualTo(401);
		assertThat(get(this.port, "/api/v1/environments").statusCode()).isEqualTo(401);
	}

	@Test
	void answersSignInWith404WhenNoProviderIsConfigured() throws Exception {
		assertThat(get(this.port, "/api/v1/sign-in").statusCode()).isEqualTo(404);
	}

	@Test
	void bindsPropertiesWithTheirDefaults() {
		assertThat(this.properties.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.properties.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.properties.maxConnectionsPerUser()).isEqualTo(50);
		assertThat(this.properties.maxConnectionsPerEnvironment()).isEqualTo(10);
		assertThat(this.properties.maxMessageSize()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(this.properties.maxBatchLines()).isEqualTo(100);
		assertThat(this.properties.defaultTail()).isEqualTo(100);
		assertThat(this.properties.maxTail()).isEqualTo(10000);
		assertThat(this.properties.connectionReadBuffer()).isEqualTo(DataSize.ofKilobytes(1));
	}

	@Test
	void holdsMoreConnectionsThanTomcatsDefault() {
		assertThat(String.valueOf(connectorProperty("maxConnections"))).isEqualTo("20000");
	}

	@Test
	void givesEveryConnectionSmallTomcatBuffers() {
		assertThat(String.valueOf(connectorProperty("socket.appReadBufSize"))).isEqualTo("1024");
		assertThat(System.getProperty("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE")).isEqualTo("2048");
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private Object connectorProperty(String name) {
		return ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector().getProperty(name);
	}

}
