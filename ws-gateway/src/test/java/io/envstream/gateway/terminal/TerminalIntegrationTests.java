package io.envstream.gateway.terminal;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.SilentWebSocket;
import io.envstream.gateway.WsClient;
import io.envstream.gateway.WsClient.Close;
import io.envstream.schemas.terminal.AgentToken;
import io.envstream.schemas.terminal.AgentTokens;
import io.envstream.testsupport.docker.DemoContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The terminal endpoint end to end: a real WebSocket client, the gateway, the real collector agent
 * and a container of the real engine (the busybox demo image: only /bin/sh).
 */
class TerminalIntegrationTests {

	private static TerminalFixture terminals;

	private static RunningAgent agent;

	private static GatewayInstance gateway;

	private static Environments environments;

	private DemoContainer container;

	private String environment;

	@BeforeAll
	static void start() {
		terminals = TerminalFixture.start(List.of("--envstream.collector.terminal.heartbeat-interval=300ms",
				"--envstream.collector.terminal.heartbeat-timeout=2s"));
		agent = terminals.agent();
		gateway = terminals.gateway();
		environments = terminals.environments();
	}

	@AfterAll
	static void stop() {
		terminals.close();
	}

	@BeforeEach
	void startContainer() {
		this.environment = Environments.newId("terminal");
		this.container = terminals.startEnvironment(this.environment, "alice");
	}

	@AfterEach
	void removeContainer() {
		this.container.close();
	}

	@Test
	void startsWithTheInitialSizeThenResizes() {
		try (WsClient client = connect("alice", "cols=100&rows=30")) {
			awaitReady(client);
			input(client, "stty size\\r");
			awaitOutput(client, "30 100\r\n");

			client.send("{\"type\":\"resize\",\"cols\":132,\"rows\":43}");
			input(client, "stty size\\r");
			awaitOutput(client, "43 132\r\n");
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void bringsMultiByteTextBackIntact() {
		try (WsClient client = connect("alice", null)) {
			awaitReady(client);
			input(client, "echo hé漢\\r");

			awaitOutput(client, "hé漢\r\n");
			assertThat(output(client)).doesNotContain("\uFFFD");
		}
	}

	@Test
	void reportsTheExitCodeThenClosesNormally() throws Exception {
		try (WsClient client = connect("alice", null)) {
			awaitReady(client);
			input(client, "exit 3\\r");

			assertThat(client.awaitClose()).isEqualTo(new Close(1000, "shell exited"));
			assertThat(client.ofType("exit")).singleElement()
				.satisfies((exit) -> assertThat(exit.path("code").asInt()).isEqualTo(3));
			assertThat(client.violations).isEmpty();
		}
	}

	@Test
	void closingTheSocketLeavesNoProcessBehind() {
		WsClient client = connect("alice", null);
		awaitReady(client);
		input(client, "sleep 1001 & setsid sleep 1002 & echo started-$((1+1))\\r");
		awaitOutput(client, "started-2");
		assertThat(sleepers()).hasSize(2);

		client.close();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sleepers()).isEmpty());
	}

	@Test
	void theAgentEndsTheSessionOfAGatewayThatStoppedAnsweringPings() throws Exception {
		String token = AgentTokens.forHost(RunningAgent.SECRET, agent.hostId()).sign(new AgentToken("alice",
				this.environment, agent.hostId(), this.container.id(), null, 0, 0, null, AgentTokens.newNonce(),
				System.currentTimeMillis() + 10_000));
		try (SilentWebSocket deadGateway = new SilentWebSocket(agent.url(), "Authorization: Bearer " + token)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> !sessionProcesses().isEmpty());

			int[] closeAndPings = deadGateway.awaitCloseCountingPings();

			assertThat(closeAndPings[0]).isEqualTo(1000);
			assertThat(closeAndPings[1]).isPositive();
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sessionProcesses()).isEmpty());
	}

	@Test
	void reattachingReplaysWhatWasPrintedMeanwhile() {
		String session;
		try (WsClient first = connect("alice", null)) {
			session = awaitReady(first);
			input(first, "(sleep 1; echo printed-while-$((2*3))-away; touch /tmp/printed) &\\r");
			first.send("{\"type\":\"detach\"}");
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.container.exec("test", "-f", "/tmp/printed").exitCode() == 0);
		double succeeded = reconnects("succeeded");

		try (WsClient second = connect("alice", "session=" + session)) {
			assertThat(awaitReady(second)).isEqualTo(session);
			awaitOutput(second, "printed-while-6-away");
			input(second, "echo back-$((3+4))\\r");
			awaitOutput(second, "back-7");
		}
		assertThat(reconnects("succeeded")).as("the reattach counted once it was ready").isEqualTo(succeeded + 1);
	}

	@Test
	void aShellWhoseTokenExpiresIsDetachedAndReattachedWithAFreshToken() throws Exception {
		// given a terminal whose token expires in 3 s, with a variable set in its shell
		String session;
		try (WsClient first = WsClient
			.connect(url("token=" + JWT.tokenExpiringIn("alice", Duration.ofSeconds(3))))) {
			session = awaitReady(first);
			input(first, "export KEPT=$((40+2)); echo set-$KEPT\\r");
			awaitOutput(first, "set-42");
			// when the token expires
			assertThat(first.awaitClose()).isEqualTo(new Close(4401, "token expired"));
		}
		// then a fresh token reattaches to the same shell
		try (WsClient second = connect("alice", "session=" + session)) {
			assertThat(awaitReady(second)).isEqualTo(session);
			input(second, "echo kept-$KEPT\\r");
			awaitOutput(second, "kept-42");
		}
	}

	@Test
	void reattachesThroughAnotherGatewayReplica() {
		String session;
		try (WsClient first = connect("alice", null)) {
			session = awaitReady(first);
			input(first, "export MARK=kept-$((4*4))\\r");
			first.send("{\"type\":\"detach\"}");
		}

		try (GatewayInstance replica = GatewayInstance
			.start("--envstream.gateway.terminal.agent-secret=" + RunningAgent.SECRET);
				WsClient second = WsClient.connect("ws://localhost:" + replica.port() + "/api/v1/ws/environments/"
						+ this.environment + "/terminal?session=" + session + "&token=" + JWT.token("alice"))) {
			assertThat(awaitReady(second)).isEqualTo(session);
			input(second, "echo $MARK\\r");
			awaitOutput(second, "kept-16\r\n");
		}
	}

	@Test
	void anotherUserCannotReattach() throws Exception {
		environments.grant(this.environment, "user", "mallory", "exec");
		String session;
		try (WsClient first = connect("alice", null)) {
			session = awaitReady(first);
			first.send("{\"type\":\"detach\"}");
		}

		double failed = reconnects("failed");

		try (WsClient mallory = connect("mallory", "session=" + session)) {
			assertThat(mallory.awaitClose()).isEqualTo(new Close(4403, "terminal session belongs to another user"));
		}
		await().until(() -> reconnects("failed") == failed + 1);
	}

	private static double reconnects(String outcome) {
		return gateway.counter("envstream.gateway.reconnects", "endpoint", "terminal", "outcome", outcome);
	}

	@Test
	void refusesAUserWithoutAccessWith4403() throws Exception {
		try (WsClient stranger = connect("mallory", null)) {
			Close close = stranger.awaitClose();
			assertThat(close.code()).isEqualTo(4403);
			assertThat(close.reason()).isEqualTo("access to this environment denied");
		}
	}

	@Test
	void refusesAMissingTokenAndABadQuery() throws Exception {
		try (WsClient anonymous = WsClient.connect(url(null))) {
			assertThat(anonymous.awaitClose().code()).isEqualTo(4401);
		}
		try (WsClient badSize = connect("alice", "cols=0&rows=30")) {
			assertThat(badSize.awaitClose())
				.isEqualTo(new Close(1008, "cols must be an integer between 1 and 65535"));
		}
		try (WsClient badMessage = connect("alice", null)) {
			awaitReady(badMessage);
			badMessage.send("{\"type\":\"shout\"}");
			assertThat(badMessage.awaitClose()).isEqualTo(new Close(1008, "unknown message type"));
		}
	}

	private WsClient connect(String user, String query) {
		String token = "token=" + JWT.token(user);
		return WsClient.connect(url((query == null) ? token : token + "&" + query));
	}

	private String url(String query) {
		return "ws://localhost:" + gateway.port() + "/api/v1/ws/environments/" + this.environment + "/terminal"
				+ ((query == null) ? "" : "?" + query);
	}

	/** Sends keystrokes; {@code json} is already escaped for a JSON string. */
	private static void input(WsClient client, String json) {
		client.send("{\"type\":\"input\",\"data\":\"" + json + "\"}");
	}

	private static String awaitReady(WsClient client) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !client.ofType("ready").isEmpty());
		return client.ofType("ready").get(0).path("session").asText();
	}

	private static void awaitOutput(WsClient client, String text) {
		await().atMost(Duration.ofSeconds(20)).until(() -> output(client).contains(text));
	}

	private static String output(WsClient client) {
		return client.ofType("output").stream().map((m) -> m.path("data").asText()).collect(Collectors.joining());
	}

	/** Processes of any terminal session in the container (they carry the session's variable). */
	private String sessionProcesses() {
		return this.container.exec("sh", "-c", "grep -l ENVSTREAM_TERMINAL_SESSION /proc/[0-9]*/environ; true").stdout().strip();
	}

	private List<String> sleepers() {
		return this.container.exec("ps", "-o", "args").stdout().lines().filter((l) -> l.startsWith("sleep 100")).toList();
	}

}
