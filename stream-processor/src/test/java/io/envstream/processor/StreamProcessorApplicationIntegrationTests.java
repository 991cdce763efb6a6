package io.envstream.processor;

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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

// the main method runs, so processor.yaml is read exactly as in production
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS)
class StreamProcessorApplicationIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private ProcessorProperties properties;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresFixture postgres = PostgresFixture.shared();
		registry.add("spring.datasource.url", postgres::jdbcUrl);
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", postgres::password);
	}

	@Test
	void reportsHealthUpIncludingTheDatabase() throws Exception {
		HttpResponse<String> response = get("/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void exposesJvmMetricsForPrometheus() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void bindsPropertiesWithTheirDefaults() {
		assertThat(this.properties.batchMaxLines()).isEqualTo(100);
		assertThat(this.properties.batchMaxWait()).isEqualTo(Duration.ofMillis(100));
		assertThat(this.properties.retention()).isEqualTo(Duration.ofDays(7));
		assertThat(this.properties.partitions()).isEqualTo(12);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
