package io.envstream.gateway.activity;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/environments/{id}/activity} on a running gateway, from the rollup in real PostgreSQL. */
class ActivityEndpointIntegrationTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static GatewayInstance gateway;

	private static Environments environments;

	private static String mine;

	private static String theirs;

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start();
		environments = new Environments();
		mine = Environments.newId("activity-mine");
		theirs = Environments.newId("activity-theirs");
		environments.create(mine, "rita", "ops");
		environments.create(theirs, "someone", "elsewhere");
		// as the persister counts them: minutes 10:00, 10:01, 10:14 and 10:15 (restarts only), 10:30 outside
		activity(mine, "2025-10-01T10:00:00Z", 5, 1, 1, 0, 0);
		activity(mine, "2025-10-01T10:01:00Z", 2, 3, 0, 2, 0);
		activity(mine, "2025-10-01T10:14:00Z", 1, 0, 0, 0, 1);
		activity(mine, "2025-10-01T10:15:00Z", 0, 0, 0, 0, 1);
		activity(mine, "2025-10-01T10:30:00Z", 100, 100, 100, 100, 9);
		activity(theirs, "2025-10-01T10:00:00Z", 7, 7, 7, 7, 7);
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	@Test
	void sumsTheRollupPerStepAndAnswersEveryStepOfTheRange() throws Exception {
		HttpResponse<String> response = get(mine, "from=2025-10-01T10:00:00Z&to=2025-10-01T10:30:00Z&step=15m",
				JWT.token("rita"));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode activity = json.readTree(response.body());
		assertThat(activity.path("environmentId").asText()).isEqualTo(mine);
		assertThat(activity.path("step").asText()).isEqualTo("PT15M");
		JsonNode buckets = activity.path("buckets");
		assertThat(buckets).hasSize(2);
		assertThat(buckets.get(0).path("start").asText()).isEqualTo("2025-10-01T10:00:00Z");
		assertThat(buckets.get(0).path("lines").path("stdout").asLong()).isEqualTo(8);
		assertThat(buckets.get(0).path("lines").path("stderr").asLong()).isEqualTo(4);
		assertThat(buckets.get(0).path("errors").asLong()).isEqualTo(1);
		assertThat(buckets.get(0).path("warnings").asLong()).isEqualTo(2);
		assertThat(buckets.get(0).path("restarts").asLong()).isEqualTo(1);
		assertThat(buckets.get(1).path("start").asText()).isEqualTo("2025-10-01T10:15:00Z");
		assertThat(buckets.get(1).path("lines").path("stdout").asLong()).isZero();
		assertThat(buckets.get(1).path("restarts").asLong()).isEqualTo(1);
	}

	@Test
	void answersEmptyStepsWithZeros() throws Exception {
		JsonNode buckets = json
			.readTree(get(mine, "from=2025-10-01T09:58:00Z&to=2025-10-01T10:02:00Z", JWT.token("rita")).body())
			.path("buckets");

		assertThat(buckets).hasSize(4);
		assertThat(buckets.findValues("stdout")).extracting(JsonNode::asLong).containsExactly(0L, 0L, 5L, 2L);
	}

	@Test
	void letsThoseWhoMayReadTheLogsInAndNobodyElse() throws Exception {
		assertThat(get(theirs, "", JWT.token("rita")).statusCode()).isEqualTo(403);
		assertThat(get("no-such-environment", "", JWT.token("rita")).statusCode()).isEqualTo(404);
		assertThat(get(theirs, "", null).statusCode()).isEqualTo(401);
		JsonNode admin = json.readTree(get(theirs, "from=2025-10-01T10:00:00Z&to=2025-10-01T10:01:00Z",
				JWT.token("root", null, "envstream:admin")).body());
		assertThat(admin.path("buckets").get(0).path("lines").path("stdout").asLong()).isEqualTo(7);
	}

	@Test
	void answersBadParametersWith400AndWhatIsAllowed() throws Exception {
		HttpResponse<String> step = get(mine, "step=30s", JWT.token("rita"));
		assertThat(step.statusCode()).isEqualTo(400);
		assertThat(json.readTree(step.body()).path("message").asText())
			.startsWith("step must be a whole number of minutes from 1m to 1d");
		HttpResponse<String> buckets = get(mine, "from=2025-01-01T00:00:00Z&to=2025-10-01T00:00:00Z&step=1m",
				JWT.token("rita"));
		assertThat(buckets.statusCode()).isEqualTo(400);
		assertThat(buckets.body()).contains("at most 1440");
		HttpResponse<String> order = get(mine, "from=2025-10-01T10:00:00Z&to=2025-10-01T09:00:00Z",
				JWT.token("rita"));
		assertThat(order.statusCode()).isEqualTo(400);
		assertThat(order.body()).contains("from must be before to");
		assertThat(get(mine, "to=noon", JWT.token("rita")).body()).contains("to must be an RFC 3339 time");
	}

	private HttpResponse<String> get(String environmentId, String query, String token) throws Exception {
		return gateway.get("/api/v1/environments/" + environmentId + "/activity?" + query, token);
	}

	private static void activity(String environmentId, String minute, long stdout, long stderr, long errors,
			long warnings, int restarts) {
		JdbcClient.create(PostgresFixture.shared().dataSource())
			.sql("INSERT INTO environment_activity (environment_id, minute, stdout_lines, stderr_lines, error_lines,"
					+ " warning_lines, restarts) VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(environmentId, Timestamp.from(Instant.parse(minute)), stdout, stderr, errors, warnings, restarts)
			.update();
	}

}
