package io.envstream.gateway.terminal;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.gateway.WsClient.Close;
import io.envstream.testsupport.docker.DemoContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Opening a terminal needs the exec permission, apart from reading: the owner, an admin and an exec
 * grant open one; a team member and a plain grant read the logs but are refused the terminal with
 * 4403. Against the real gateway, PostgreSQL, broker, collector agent and a container of the engine.
 */
class TerminalPermissionIntegrationTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static TerminalFixture terminals;

	private static GatewayInstance gateway;

	private static Environments environments;

	private static DemoContainer container;

	private static String environment;

	@BeforeAll
	static void start() {
		terminals = TerminalFixture.start(List.of());
		gateway = terminals.gateway();
		environments = terminals.environments();
		environment = Environments.newId("exec");
		container = terminals.startEnvironment(environment, "alice");
		environments.team(environment, "ops");
		environments.grant(environment, "user", "rachel");
		environments.grant(environment, "user", "erin", "exec");
		environments.grant(environment, "team", "sre", "exec");
	}

	@AfterAll
	static void stop() {
		container.close();
		terminals.close();
	}

	@Test
	void theOwnerOpensATerminal() {
		assertOpensATerminal(JWT.token("alice"));
	}

	@Test
	void anAdminOpensATerminalInAnEnvironmentNotTheirs() {
		assertOpensATerminal(JWT.token("root", null, "envstream:admin"));
	}

	@Test
	void anExecGrantToTheUserOrTheirTeamOpensATerminal() {
		assertOpensATerminal(JWT.token("erin"));
		assertOpensATerminal(JWT.token("sam", "sre"));
	}

	@Test
	void aTeamMemberReadsTheLogsButIsRefusedATerminalWith4403() throws Exception {
		assertReadsButIsRefusedATerminal(JWT.token("tom", "ops"));
	}

	@Test
	void aPlainGrantReadsTheLogsButIsRefusedATerminalWith4403() throws Exception {
		assertReadsButIsRefusedATerminal(JWT.token("rachel"));
	}

	@Test
	void aStrangerIsStillRefusedAccessRatherThanTold() throws Exception {
		try (WsClient stranger = WsClient.connect(terminalUrl(JWT.token("mallory")))) {
			assertThat(stranger.awaitClose()).isEqualTo(new Close(4403, "access to this environment denied"));
		}
	}

	@Test
	void theEnvironmentListSaysWhoMayExec() throws Exception {
		assertThat(listedPermissions(JWT.token("alice"))).containsExactly("read", "exec");
		assertThat(listedPermissions(JWT.token("root", null, "envstream:admin"))).containsExactly("read", "exec");
		assertThat(listedPermissions(JWT.token("erin"))).containsExactly("read", "exec");
		assertThat(listedPermissions(JWT.token("sam", "sre"))).containsExactly("read", "exec");
		assertThat(listedPermissions(JWT.token("tom", "ops"))).containsExactly("read");
		assertThat(listedPermissions(JWT.token("rachel"))).containsExactly("read");
	}

	private static void assertOpensATerminal(String token) {
		try (WsClient client = WsClient.connect(terminalUrl(token))) {
			await().atMost(Duration.ofSeconds(20)).until(() -> !client.ofType("ready").isEmpty());
			client.send("{\"type\":\"input\",\"data\":\"echo exec-$((6*7))\\r\"}");
			await().atMost(Duration.ofSeconds(20)).until(() -> client.ofType("output")
				.stream()
				.map((message) -> message.path("data").asText())
				.reduce("", String::concat)
				.contains("exec-42"));
		}
	}

	private static void assertReadsButIsRefusedATerminal(String token) throws Exception {
		try (WsClient terminal = WsClient.connect(terminalUrl(token))) {
			assertThat(terminal.awaitClose()).isEqualTo(new Close(4403, "exec permission required"));
			assertThat(terminal.ofType("ready")).isEmpty();
		}
		try (WsClient logs = WsClient.connect(gateway.logsUrl(environment, "token=" + token))) {
			await().atMost(Duration.ofSeconds(20)).until(() -> !logs.ofType("live").isEmpty() || logs.closed.isDone());
			assertThat(logs.closed).isNotDone();
		}
	}

	private static String terminalUrl(String token) {
		return "ws://localhost:" + gateway.port() + "/api/v1/ws/environments/" + environment + "/terminal?token="
				+ token;
	}

	private static List<String> listedPermissions(String token) throws Exception {
		HttpResponse<String> response = gateway.get("/api/v1/environments", token);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode listed = StreamSupport.stream(json.readTree(response.body()).spliterator(), false)
			.filter((item) -> item.path("id").asText().equals(environment))
			.findFirst()
			.orElseThrow();
		return StreamSupport.stream(listed.path("permissions").spliterator(), false).map(JsonNode::asText).toList();
	}

}
