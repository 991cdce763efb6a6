package io.envstream.gateway.terminal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.testsupport.docker.DemoContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Input a shell does not read, end to end (a real client, the gateway, the real collector agent and a container of
 * the real engine): the client is held back, neither the agent nor the gateway takes it without bound, no gateway
 * thread waits for it, and it all arrives once the shell reads. The gateway runs with two request threads, so a
 * thread held per connection would show.
 */
class TerminalInputHoldIntegrationTests {

	private static final int MESSAGES = 128;

	private static final int PER_MESSAGE = 512 * 1024;

	private static final long TOTAL = (long) MESSAGES * PER_MESSAGE;

	private static final String CHUNK = "{\"type\":\"input\",\"data\":\"" + "a".repeat(PER_MESSAGE) + "\"}";

	private static TerminalFixture terminals;

	private DemoContainer container;

	private String environment;

	@BeforeAll
	static void start() {
		terminals = TerminalFixture.start(List.of("--envstream.collector.terminal.heartbeat-interval=300ms",
				"--envstream.collector.terminal.heartbeat-timeout=2s"), "--server.tomcat.threads.max=2",
				"--server.tomcat.threads.min-spare=1");
	}

	@AfterAll
	static void stop() {
		terminals.close();
	}

	@BeforeEach
	void startContainer() {
		this.environment = Environments.newId("terminal-hold");
		this.container = terminals.startEnvironment(this.environment, "alice");
	}

	@AfterEach
	void removeContainer() {
		this.container.close();
	}

	@Test
	void inputTheShellDoesNotReadHoldsTheClientBackThenArrivesWhole() {
		try (WsClient client = connect()) {
			awaitShellNotReading(client);

			// when the client sends 64 MiB of input
			AtomicInteger sent = sendInBackground(client);

			// then its sends stall once the way to the shell is full
			awaitStill(sent);
			assertThat(sent.get()).as("messages taken while the shell read nothing").isLessThan(MESSAGES);

			// and once the shell reads, every byte arrives
			this.container.exec("touch", "/tmp/go");
			await().atMost(Duration.ofSeconds(60)).until(() -> output(client).contains(TOTAL + "\n"));
			assertThat(sent.get()).isEqualTo(MESSAGES);
		}
	}

	@Test
	// a thread held per connection would leave the next connect waiting for ever
	@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void clientsHeldBackHoldNoThreadOfTheGatewayAndTheirSessionsEndWhenTheyGo() {
		// given three terminals held back, one more than the gateway's request threads
		List<WsClient> held = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			WsClient client = connect();
			held.add(client);
			awaitShellNotReading(client);
			awaitStill(sendInBackground(client));
		}

		// then another terminal still opens and answers
		try (WsClient other = connect()) {
			awaitReady(other);
			other.send("{\"type\":\"input\",\"data\":\"echo answered-$((2+2))\\r\"}");
			await().atMost(Duration.ofSeconds(20)).until(() -> output(other).contains("answered-4"));
		}

		// and when the held clients go, without a close the gateway could read, their shells end
		held.forEach(WsClient::close);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sessionProcesses()).isEmpty());
	}

	private WsClient connect() {
		return WsClient.connect("ws://localhost:" + terminals.gateway().port() + "/api/v1/ws/environments/"
				+ this.environment + "/terminal?token=" + JWT.token("alice"));
	}

	/** Sets the shell to take its input raw and read none of it until /tmp/go exists, then count what it reads. */
	private static void awaitShellNotReading(WsClient client) {
		awaitReady(client);
		client.send("{\"type\":\"input\",\"data\":\"stty raw -echo; echo waiting-$((1+1)); "
				+ "while [ ! -f /tmp/go ]; do sleep 0.1; done; head -c " + TOTAL + " | wc -c\\r\"}");
		await().atMost(Duration.ofSeconds(20)).until(() -> output(client).contains("waiting-2"));
	}

	private static AtomicInteger sendInBackground(WsClient client) {
		AtomicInteger sent = new AtomicInteger();
		Thread sender = new Thread(() -> {
			try {
				for (int i = 0; i < MESSAGES; i++) {
					client.send(CHUNK);
					sent.incrementAndGet();
				}
			}
			catch (RuntimeException ex) {
				// the connection closed: what the test asserts next tells whether it should have
			}
		}, "terminal-input-sender");
		sender.setDaemon(true);
		sender.start();
		return sent;
	}

	/** Waits until no message has been taken for two seconds. */
	private static void awaitStill(AtomicInteger sent) {
		int[] lastSeen = { -1 };
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
			int now = sent.get();
			boolean still = now == lastSeen[0];
			lastSeen[0] = now;
			return still;
		});
	}

	/** Processes of any terminal session in the container (they carry the session's variable). */
	private String sessionProcesses() {
		return this.container.exec("sh", "-c", "grep -l ENVSTREAM_TERMINAL_SESSION /proc/[0-9]*/environ; true")
			.stdout()
			.strip();
	}

	private static void awaitReady(WsClient client) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !client.ofType("ready").isEmpty());
	}

	private static String output(WsClient client) {
		return client.ofType("output").stream().map((m) -> m.path("data").asText()).collect(Collectors.joining());
	}

}
