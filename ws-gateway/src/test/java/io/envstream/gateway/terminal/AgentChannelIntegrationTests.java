package io.envstream.gateway.terminal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.stream.Collectors;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.gateway.WsClient.Close;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway → agent channel: the real gateway, the real collector agent serving {@code wss} with
 * a certificate made for this run, and a container of the real engine. Tokens come from the running
 * gateway's own {@link AgentChannel}, as it would send them.
 */
class AgentChannelIntegrationTests {

	private static final DockerFixture docker = DockerFixture.shared();

	private static ThrowawayCertificate certificate;

	private static TerminalFixture terminals;

	private static RunningAgent agent;

	private static GatewayInstance gateway;

	private static Environments environments;

	private DemoContainer container;

	private String environment;

	@BeforeAll
	static void start() {
		certificate = ThrowawayCertificate.create();
		terminals = TerminalFixture.startWithTls(certificate);
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
		this.environment = Environments.newId("agent-channel");
		this.container = docker.startDemo(this.environment);
	}

	@AfterEach
	void removeContainer() {
		this.container.close();
	}

	@Test
	void relaysATerminalSessionOverTls() {
		environments.createWithAgent(this.environment, "alice", this.container.id(), agent.hostId(), agent.url());

		try (WsClient client = WsClient.connect(terminalUrl(gateway, "alice"))) {
			awaitReady(client);
			client.send("{\"type\":\"input\",\"data\":\"echo over-tls-$((6*7))\\r\"}");

			await().atMost(Duration.ofSeconds(20)).until(() -> output(client).contains("over-tls-42"));
			assertThat(agent.url()).startsWith("wss://");
		}
	}

	@Test
	void aGatewayThatDoesNotTrustTheAgentsCertificateIsRefused() throws Exception {
		environments.createWithAgent(this.environment, "alice", this.container.id(), agent.hostId(), agent.url());

		try (GatewayInstance untrusting = GatewayInstance
			.start("--envstream.gateway.terminal.agent-secret=" + RunningAgent.SECRET);
				WsClient client = WsClient.connect(terminalUrl(untrusting, "alice"))) {
			assertThat(client.awaitClose()).isEqualTo(new Close(1011, "terminal agent unreachable"));
			assertThat(client.ofType("ready")).isEmpty();
		}
	}

	@Test
	void anAgentRefusesTheTokenForAnotherHost() throws Exception {
		// given an environment whose row names another host while pointing at this host's agent,
		// as a compromised host announcing another host's agent as its own would make it
		environments.createWithAgent(this.environment, "alice", this.container.id(), "another-host", agent.url());

		// when the gateway opens a terminal, it signs for the other host
		try (WsClient client = WsClient.connect(terminalUrl(gateway, "alice"))) {
			// then this host's agent refuses it, and the gateway says so
			assertThat(client.awaitClose()).isEqualTo(new Close(1011, "terminal agent refused this gateway"));
			assertThat(client.ofType("ready")).isEmpty();
		}
		String forAnotherHost = gatewayToken(new AgentDirectory.Agent(agent.url(), this.container.id(), "another-host"));
		try (WsClient direct = WsClient.connectWithBearer(trusting(), agent.url(), forAnotherHost)) {
			assertThat(direct.awaitClose()).isEqualTo(new Close(4401, "agent token signature invalid"));
		}
	}

	@Test
	void anAgentRefusesAReplayedToken() throws Exception {
		String token = gatewayToken(ownAgent());
		try (WsClient first = WsClient.connectWithBearer(trusting(), agent.url(), token)) {
			awaitReady(first);
		}

		try (WsClient replay = WsClient.connectWithBearer(trusting(), agent.url(), token)) {
			assertThat(replay.awaitClose()).isEqualTo(new Close(4401, "agent token already used"));
			assertThat(replay.ofType("ready")).isEmpty();
		}
	}

	@Test
	void anAgentRefusesATokenOlderThanTenSeconds() throws Exception {
		long minted = System.currentTimeMillis();
		String token = gatewayToken(ownAgent());

		await().atMost(Duration.ofSeconds(15)).until(() -> System.currentTimeMillis() > minted + 10_000);

		try (WsClient late = WsClient.connectWithBearer(trusting(), agent.url(), token)) {
			assertThat(late.awaitClose()).isEqualTo(new Close(4401, "agent token expired"));
		}
	}

	private AgentDirectory.Agent ownAgent() {
		return new AgentDirectory.Agent(agent.url(), this.container.id(), agent.hostId());
	}

	/** A token from the running gateway's channel, as it signs one for a terminal it opens. */
	private String gatewayToken(AgentDirectory.Agent target) {
		AgentChannel channel = gateway.context().getBean(AgentChannel.class);
		String token = channel.token("alice", this.environment, target, new TerminalRequest(0, 0, null, null));
		assertThat(token).startsWith("v2.");
		return token;
	}

	private static HttpClient trusting() {
		return HttpClient.newBuilder().sslContext(certificate.trustingContext()).build();
	}

	private String terminalUrl(GatewayInstance target, String user) {
		return "ws://localhost:" + target.port() + "/api/v1/ws/environments/" + this.environment + "/terminal?token="
				+ JWT.token(user);
	}

	private static void awaitReady(WsClient client) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !client.ofType("ready").isEmpty());
	}

	private static String output(WsClient client) {
		return client.ofType("output").stream().map((m) -> m.path("data").asText()).collect(Collectors.joining());
	}

}
