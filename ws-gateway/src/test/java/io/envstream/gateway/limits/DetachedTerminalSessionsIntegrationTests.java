package io.envstream.gateway.limits;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.gateway.WsClient.Close;
import io.envstream.gateway.terminal.RunningAgent;
import io.envstream.gateway.terminal.TerminalFixture;
import io.envstream.testsupport.docker.DemoContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Detached terminal sessions count against their user, cluster-wide: a real client, the gateway,
 * the real collector agent (its sessions, grace timer and audit records) and a container of the
 * real engine. Each test is its own user, so the counts do not mix.
 */
class DetachedTerminalSessionsIntegrationTests {

	private static final int CAP = 2;

	private static final Duration GRACE = Duration.ofSeconds(15);

	private static final String REFUSAL = "too many detached terminal sessions (2): reattach or end one";

	private static TerminalFixture terminals;

	private static GatewayInstance gateway;

	private static Environments environments;

	private static DemoContainer container;

	private static String environment;

	private String user;

	@BeforeAll
	static void start() {
		terminals = TerminalFixture.start(List.of("--envstream.collector.terminal.detach-grace=" + GRACE.toSeconds() + "s"),
				"--envstream.gateway.limits.detached-terminal-sessions=" + CAP,
				"--envstream.gateway.limits.detached-terminal-grace=" + GRACE.toSeconds() + "s");
		gateway = terminals.gateway();
		environments = terminals.environments();
		environment = Environments.newId("detached");
		container = terminals.startEnvironment(environment, "owner");
		// the agent's audit records of ended sessions are read from where the group starts: the end
		KafkaListenerEndpointRegistry listeners = gateway.context().getBean(KafkaListenerEndpointRegistry.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> !listeners.getListenerContainer(EndedTerminalSessions.LISTENER_ID)
				.getAssignedPartitions()
				.isEmpty());
	}

	@AfterAll
	static void stop() {
		container.close();
		terminals.close();
	}

	@BeforeEach
	void newUser() {
		this.user = Environments.newId("user");
		environments.grant(environment, "user", this.user, "exec");
	}

	@Test
	void aNewTerminalBeyondTheCapClosesWith4429WhileReattachingIsAllowed() throws Exception {
		// given the user's two detached sessions
		String first = openAndDetach(null);
		openAndDetach(null);
		awaitRefused(true);

		// when the user opens a third one
		try (WsClient third = connect(null)) {
			// then it is refused, and says why
			assertThat(third.awaitClose()).isEqualTo(new Close(4429, REFUSAL));
			assertThat(third.ofType("ready")).isEmpty();
		}
		// and reattaching is allowed, and takes the session out of the count
		try (WsClient reattached = connect(first)) {
			assertThat(awaitReady(reattached)).isEqualTo(first);
			awaitRefused(false);
			try (WsClient another = connect(null)) {
				awaitReady(another);
			}
		}
	}

	@Test
	void theCapHoldsThroughAnotherReplica() throws Exception {
		// given two sessions detached through the first gateway
		openAndDetach(null);
		openAndDetach(null);
		awaitRefused(true);

		// when the user opens a new terminal through a second one (its audit listener off: not needed here)
		try (GatewayInstance replica = GatewayInstance.start(
				"--envstream.gateway.terminal.agent-secret=" + RunningAgent.SECRET,
				"--envstream.gateway.limits.detached-terminal-sessions=" + CAP,
				"--spring.kafka.listener.auto-startup=false");
				WsClient third = WsClient.connect("ws://localhost:" + replica.port() + "/api/v1/ws/environments/"
						+ environment + "/terminal?token=" + JWT.token(this.user))) {
			// then the count is the cluster's, not the replica's
			assertThat(third.awaitClose()).isEqualTo(new Close(4429, REFUSAL));
		}
	}

	@Test
	void aSessionWhoseShellExitsWhileDetachedStopsCounting() throws Exception {
		// given two detached sessions, one of them waiting for a file to exit
		String trigger = "/tmp/end-" + this.user;
		openAndDetach("while [ ! -f " + trigger + " ]; do sleep 0.2; done; exit\\r");
		openAndDetach(null);
		awaitRefused(true);

		// when its shell exits while nobody is attached
		assertThat(container.exec("touch", trigger).exitCode()).isZero();

		// then the agent's audit record frees the slot at once, long before the grace
		await().atMost(GRACE.minusSeconds(5)).untilAsserted(() -> assertThat(refusal()).isFalse());
		try (WsClient fresh = connect(null)) {
			awaitReady(fresh);
		}
	}

	@Test
	void aDetachedSessionStopsCountingWhenItsGracePasses() throws Exception {
		openAndDetach(null);
		openAndDetach(null);
		awaitRefused(true);

		await().atMost(GRACE.multipliedBy(2)).untilAsserted(() -> assertThat(refusal()).isFalse());
		try (WsClient fresh = connect(null)) {
			awaitReady(fresh);
		}
	}

	@Test
	void aSessionClosedWithoutDetachNeverCounts() throws Exception {
		for (int i = 0; i < CAP + 1; i++) {
			try (WsClient client = connect(null)) {
				awaitReady(client);
			}
		}

		try (WsClient fresh = connect(null)) {
			awaitReady(fresh);
		}
		assertThat(refusal()).isFalse();
	}

	/** Opens a terminal, types {@code input} if any, detaches and closes the socket; returns the session. */
	private String openAndDetach(String input) {
		try (WsClient client = connect(null)) {
			String session = awaitReady(client);
			if (input != null) {
				client.send("{\"type\":\"input\",\"data\":\"" + input + "\"}");
				await().atMost(Duration.ofSeconds(20)).until(() -> output(client).contains("done; exit"));
			}
			client.send("{\"type\":\"detach\"}");
			return session;
		}
	}

	private void awaitRefused(boolean refused) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(refusal()).isEqualTo(refused));
	}

	/** Whether the gateway would refuse this user a new terminal now. */
	private boolean refusal() {
		return gateway.context().getBean(DetachedTerminalSessions.class).refusalOfNewSession(this.user).isPresent();
	}

	private WsClient connect(String session) {
		return WsClient.connect("ws://localhost:" + gateway.port() + "/api/v1/ws/environments/" + environment
				+ "/terminal?token=" + JWT.token(this.user) + ((session == null) ? "" : "&session=" + session));
	}

	private static String awaitReady(WsClient client) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !client.ofType("ready").isEmpty());
		return client.ofType("ready").get(0).path("session").asText();
	}

	private static String output(WsClient client) {
		return client.ofType("output").stream().map((m) -> m.path("data").asText()).collect(Collectors.joining());
	}

}
