package io.envstream.gateway.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.avro.Stream;
import io.envstream.testsupport.alerts.AlertsAppStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API beside the WebSockets: same tokens, same access rules, history as JSON, NDJSON and text; the alert
 * rules read from the alerts app ({@link AlertsAppStandIn}) for admins only.
 */
class RestApiIntegrationTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static AlertsAppStandIn alertsApp;

	private static GatewayInstance gateway;

	private static Environments environments;

	private static String mine;

	private static String theirs;

	@BeforeAll
	static void start() throws Exception {
		alertsApp = AlertsAppStandIn.serving(200, AlertsAppStandIn.RULES);
		gateway = GatewayInstance.start("--envstream.gateway.alerts.url=" + alertsApp.url());
		environments = new Environments();
		mine = Environments.newId("rest-mine");
		theirs = Environments.newId("rest-theirs");
		environments.create(mine, "rita", "ops");
		environments.create(theirs, "someone", "elsewhere");
		environments.labels(mine, "{\"tier\": \"front\", \"envstream.team\": \"ops\"}");
		environments.persist(environments.write(mine, Stream.STDOUT, 150));
		environments.persist(environments.write(mine, Stream.STDERR, 10));
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
		alertsApp.close();
	}

	@Test
	void anAdminReadsTheAlertRulesOfTheAlertsAppAndNobodyElse() throws Exception {
		HttpResponse<String> admin = gateway.get("/api/v1/alerts/rules", JWT.token("root", null, "envstream:admin"));
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(json.readTree(admin.body())).isEqualTo(json.readTree(AlertsAppStandIn.RULES));

		HttpResponse<String> user = gateway.get("/api/v1/alerts/rules", JWT.token("rita"));
		assertThat(user.statusCode()).isEqualTo(403);
		assertThat(json.readTree(user.body()).path("message").asText()).isEqualTo("only an admin may see the alert rules");
		assertThat(gateway.get("/api/v1/alerts/rules", null).statusCode()).isEqualTo(401);
	}

	@Test
	void listsOnlyTheEnvironmentsTheCallerMaySeeWithTheirStatusAndLabels() throws Exception {
		HttpResponse<String> response = gateway.get("/api/v1/environments", JWT.token("rita"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode list = json.readTree(response.body());
		assertThat(list.findValuesAsText("id")).contains(mine).doesNotContain(theirs);
		JsonNode listed = list.get(list.findValuesAsText("id").indexOf(mine));
		assertThat(listed.path("status").isNull()).isTrue();
		assertThat(listed.path("labels").path("tier").asText()).isEqualTo("front");
		assertThat(listed.path("labels").path("envstream.team").asText()).isEqualTo("ops");
		JsonNode admin = json.readTree(gateway.get("/api/v1/environments", JWT.token("root", null, "envstream:admin")).body());
		assertThat(admin.findValuesAsText("id")).contains(mine, theirs);

		// once the environment has a state, the list shows it
		environments.status(mine, Status.PAUSED);
		await().untilAsserted(() -> {
			JsonNode again = json.readTree(gateway.get("/api/v1/environments", JWT.token("rita")).body());
			assertThat(again.get(again.findValuesAsText("id").indexOf(mine)).path("status").asText()).isEqualTo("paused");
		});
	}

	@Test
	void servesTheWebUiWithoutATokenAndNothingElseBesideTheApi() throws Exception {
		HttpResponse<String> page = gateway.get("/", null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<div id=\"app\">");
		Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page.body());
		assertThat(script.find()).as("index.html names its script under /assets").isTrue();
		assertThat(gateway.get(script.group(1), null).statusCode()).isEqualTo(200);
		assertThat(gateway.get("/not-the-ui", null).statusCode()).isIn(401, 403);
	}

	@Test
	void refusesMissingOrForgedTokensAndForeignEnvironments() throws Exception {
		assertThat(gateway.get("/api/v1/environments", null).statusCode()).isEqualTo(401);
		assertThat(gateway.get("/api/v1/environments", JWT.tokenSignedByOtherKey("rita")).statusCode()).isEqualTo(401);
		assertThat(gateway.get("/api/v1/environments/" + theirs + "/logs", JWT.token("rita")).statusCode()).isEqualTo(403);
		assertThat(gateway.get("/api/v1/environments/nope/logs", JWT.token("rita")).statusCode()).isEqualTo(404);
	}

	@Test
	void pagesThroughHistoryByCursorWithoutGapOrRepeat() throws Exception {
		HttpResponse<String> first = gateway.get("/api/v1/environments/" + mine + "/logs?limit=100", JWT.token("rita"));
		JsonNode page = json.readTree(first.body());
		assertThat(page.path("count").asInt()).isEqualTo(100);
		String next = page.path("next").asText();
		assertThat(first.headers().firstValue("X-Next-Cursor")).contains(next);
		JsonNode second = json.readTree(
				gateway.get("/api/v1/environments/" + mine + "/logs?limit=100&after=" + next, JWT.token("rita")).body());
		assertThat(second.path("count").asInt()).isEqualTo(60);
		assertThat(second.path("next").isNull()).isTrue();
		List<String> messages = new java.util.ArrayList<>(page.path("logs").findValuesAsText("message"));
		messages.addAll(second.path("logs").findValuesAsText("message"));
		assertThat(messages).hasSize(160).doesNotHaveDuplicates();
		assertThat(messages.get(0)).isEqualTo("message-1");
		assertThat(messages.get(159)).isEqualTo("message-160");
	}

	@Test
	void filtersByStreamAndGrepAndSpeaksNdjsonAndText() throws Exception {
		HttpResponse<String> ndjson = gateway.get("/api/v1/environments/" + mine + "/logs?stream=stderr&format=ndjson",
				JWT.token("rita"));
		assertThat(ndjson.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/x-ndjson"));
		List<String> lines = ndjson.body().lines().toList();
		assertThat(lines).hasSize(10);
		assertThat(json.readTree(lines.get(0)).path("stream").asText()).isEqualTo("stderr");
		HttpResponse<String> text = gateway.get("/api/v1/environments/" + mine + "/logs?grep=" + java.net.URLEncoder.encode("message-1[0-9]$", java.nio.charset.StandardCharsets.UTF_8) + "&format=text",
				JWT.token("rita"));
		assertThat(text.headers().firstValue("Content-Disposition")).hasValueSatisfying((value) -> assertThat(value).contains("attachment"));
		assertThat(text.body().lines().toList()).hasSize(10).allSatisfy((line) -> assertThat(line).matches("\\S+Z stdout message-1[0-9]"));
	}

	@Test
	void answersBadParametersWith400AndAReason() throws Exception {
		HttpResponse<String> response = gateway.get("/api/v1/environments/" + mine + "/logs?after=bogus", JWT.token("rita"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("invalid cursor");
		assertThat(gateway.get("/api/v1/environments/" + mine + "/logs?grep=%28", JWT.token("rita")).statusCode()).isEqualTo(400);
		assertThat(gateway.get("/api/v1/environments/" + mine + "/logs?format=xml", JWT.token("rita")).statusCode()).isEqualTo(400);
	}

}
