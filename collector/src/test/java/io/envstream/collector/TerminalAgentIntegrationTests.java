package io.envstream.collector;

import java.time.Duration;
import java.util.UUID;

import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.TerminalSession;
import io.envstream.schemas.terminal.AgentToken;
import io.envstream.schemas.terminal.AgentTokens;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent's terminal endpoint against the real engine (the busybox demo image: only /bin/sh). */
class TerminalAgentIntegrationTests {

	/** The gateways' master secret: this agent is given only its own host's key, derived from it. */
	private static final String MASTER = "terminal-agent-test-secret-0123456789";

	private static final DockerFixture docker = DockerFixture.shared();

	private static RunningCollector collector;

	private static AgentTokens tokens;

	private DemoContainer container;

	@BeforeAll
	static void startCollector() {
		String hostId = RunningCollector.newHostId();
		collector = RunningCollector.start(hostId, "envstream.collector.terminal.key=" + AgentTokens.hostKey(MASTER, hostId),
				"envstream.collector.terminal.commands=/bin/sh,cat", "envstream.collector.terminal.replay-characters=4096");
		tokens = AgentTokens.forHost(MASTER, hostId);
	}

	@AfterAll
	static void stopCollector() {
		collector.close();
	}

	@BeforeEach
	void startContainer() {
		this.container = docker.startDemo("term-" + UUID.randomUUID().toString().substring(0, 8));
	}

	@AfterEach
	void removeContainer() {
		this.container.close();
	}

	@Test
	void refusesAConnectionWithoutOrWithABadToken() throws Exception {
		try (AgentClient anonymous = AgentClient.connect(collector.port(), null)) {
			assertThat(anonymous.awaitClose()).isEqualTo(new AgentClient.Close(4401, "agent token missing"));
		}
		String forged = new AgentTokens("not-the-agents-secret-at-all").sign(token("alice", null, 0, 0, null));
		try (AgentClient forger = AgentClient.connect(collector.port(), forged)) {
			assertThat(forger.awaitClose()).isEqualTo(new AgentClient.Close(4401, "agent token signature invalid"));
		}
		String expired = tokens.sign(new AgentToken("alice", this.container.environmentId(), collector.hostId(),
				this.container.id(), null, 0, 0, null, AgentTokens.newNonce(), System.currentTimeMillis() - 1));
		try (AgentClient late = AgentClient.connect(collector.port(), expired)) {
			assertThat(late.awaitClose()).isEqualTo(new AgentClient.Close(4401, "agent token expired"));
		}
	}

	@Test
	void refusesATokenTheGatewaySignedForAnotherHost() throws Exception {
		// given the master secret's token for another host, naming a container this agent follows
		String forOtherHost = AgentTokens.forHost(MASTER, "another-host")
			.sign(new AgentToken("alice", this.container.environmentId(), "another-host", this.container.id(), null, 0,
					0, null, AgentTokens.newNonce(), System.currentTimeMillis() + 10_000));

		try (AgentClient client = AgentClient.connect(collector.port(), forOtherHost)) {
			assertThat(client.awaitClose()).isEqualTo(new AgentClient.Close(4401, "agent token signature invalid"));
			assertThat(client.ofType("ready")).isEmpty();
		}
	}

	@Test
	void refusesATokenUsedBefore() throws Exception {
		String token = tokens.sign(token("alice", null, 0, 0, null));
		try (AgentClient first = AgentClient.connect(collector.port(), token)) {
			first.awaitReady();
		}

		try (AgentClient replay = AgentClient.connect(collector.port(), token)) {
			assertThat(replay.awaitClose()).isEqualTo(new AgentClient.Close(4401, "agent token already used"));
		}
	}

	@Test
	void refusesATokenThatWouldLiveLongerThanTenSeconds() throws Exception {
		String longLived = tokens.sign(new AgentToken("alice", this.container.environmentId(), collector.hostId(),
				this.container.id(), null, 0, 0, null, AgentTokens.newNonce(), System.currentTimeMillis() + 60_000));

		try (AgentClient client = AgentClient.connect(collector.port(), longLived)) {
			assertThat(client.awaitClose()).isEqualTo(new AgentClient.Close(4401, "agent token lives longer than 10 s"));
		}
	}

	@Test
	void advertisesTheAddressItListensOn() {
		try (TopicRecords<EnvironmentDescriptor> descriptors = new TopicRecords<>(Topics.ENVIRONMENTS,
				(d) -> d.getEnvId().equals(this.container.environmentId()))) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(descriptors.read()).isNotEmpty()
				.allSatisfy((descriptor) -> assertThat(descriptor.getAgentUrl())
					.isEqualTo("ws://127.0.0.1:" + collector.port() + "/internal/terminal")));
		}
	}

	@Test
	void startsWithTheInitialSizeAndAppliesAResize() {
		try (AgentClient client = open("alice", null, 100, 30, null)) {
			client.awaitReady();
			client.input("stty size\r");
			client.awaitOutput("30 100\r\n");

			client.resize(120, 40);
			client.input("stty size\r");
			client.awaitOutput("40 120\r\n");
		}
	}

	@Test
	void keepsMultiByteCharactersIntactAcrossReads() {
		try (AgentClient client = open("alice", null, 0, 0, null)) {
			client.awaitReady();
			client.input("echo hé漢\r");
			client.awaitOutput("hé漢\r\n");

			// 60,000 bytes of three-byte characters: reads end inside a character
			client.input("yes 漢 | head -n 20000 | tr -d '\\n'; echo; echo done-$((6*7))\r");
			client.awaitOutput("done-42");

			assertThat(client.output()).doesNotContain("\uFFFD");
			assertThat(client.output().chars().filter((c) -> c == '漢').count()).isGreaterThanOrEqualTo(20_000);
		}
	}

	@Test
	void reportsTheExitCodeThenClosesNormallyAndAuditsTheSession() throws Exception {
		try (TopicRecords<TerminalSession> audit = new TopicRecords<>(Topics.TERMINAL_SESSIONS,
				(s) -> s.getEnvId().equals(this.container.environmentId()));
				AgentClient client = open("alice", null, 0, 0, null)) {
			String session = client.awaitReady();
			client.input("exit 3\r");

			assertThat(client.awaitClose()).isEqualTo(new AgentClient.Close(1000, "shell exited"));
			assertThat(client.ofType("exit")).singleElement()
				.satisfies((exit) -> assertThat(exit.path("code").asInt()).isEqualTo(3));
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(audit.read()).singleElement()
				.satisfies((record) -> {
					assertThat(record.getSessionId()).isEqualTo(session);
					assertThat(record.getUser()).isEqualTo("alice");
					assertThat(record.getHostId()).isEqualTo(collector.hostId());
					assertThat(record.getContainerId()).isEqualTo(this.container.id());
					assertThat(record.getCommand()).isEqualTo("/bin/bash");
					assertThat(record.getExitCode()).isEqualTo(3);
					assertThat(record.getEndReason()).isEqualTo("exited");
					assertThat(record.getBytesIn()).isEqualTo("exit 3\r".length());
					assertThat(record.getBytesOut()).isPositive();
					assertThat(record.getEndedMillis()).isGreaterThanOrEqualTo(record.getStartedMillis());
				}));
		}
	}

	@Test
	void closingTheSocketEndsTheShellAndEverythingItStarted() throws Exception {
		AgentClient client = open("alice", null, 0, 0, null);
		client.awaitReady();
		// a background job, one in a session of its own, and a pipeline
		client.input("sleep 1001 & setsid sleep 1002 & sleep 1003 | cat & echo started-$((1+1))\r");
		client.awaitOutput("started-2");
		assertThat(sleepers()).hasSize(3);

		client.close();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sleepers()).isEmpty());
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.container.exec("ps", "-o", "pid,args").stdout()).doesNotContain("/bin/sh -c")
				.doesNotContain("cat"));
	}

	@Test
	void reattachingReplaysWhatWasPrintedWhileDetached() throws Exception {
		String session;
		try (AgentClient first = open("alice", null, 0, 0, null)) {
			session = first.awaitReady();
			first.input("(sleep 1; echo printed-while-$((2*3))-detached; touch /tmp/printed) &\r");
			first.detach();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.container.exec("test", "-f", "/tmp/printed").exitCode() == 0);

		try (AgentClient second = open("alice", session, 0, 0, null)) {
			assertThat(second.awaitReady()).isEqualTo(session);
			second.awaitOutput("printed-while-6-detached");
			second.input("echo still-$((3+4))\r");
			second.awaitOutput("still-7");
		}
	}

	@Test
	void replayStartsWithAMarkerWhenOutputWasDropped() throws Exception {
		String session;
		try (AgentClient first = open("alice", null, 0, 0, null)) {
			session = first.awaitReady();
			first.input("(sleep 1; yes overflow | head -n 2000; echo tail-$((5*5)); touch /tmp/printed) &\r");
			first.detach();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.container.exec("test", "-f", "/tmp/printed").exitCode() == 0);

		try (AgentClient second = open("alice", session, 0, 0, null)) {
			second.awaitOutput("tail-25");
			assertThat(second.output()).startsWith("\r\n[envstream: ").contains(" characters of output dropped while detached]");
			assertThat(second.output().length()).isLessThan(4096 + 200);
		}
	}

	@Test
	void anotherUserCannotReattach() throws Exception {
		String session;
		try (AgentClient first = open("alice", null, 0, 0, null)) {
			session = first.awaitReady();
			first.detach();
		}
		try (AgentClient mallory = open("mallory", session, 0, 0, null)) {
			assertThat(mallory.awaitClose())
				.isEqualTo(new AgentClient.Close(4403, "terminal session belongs to another user"));
		}
		try (AgentClient unknown = open("alice", "no-such-session", 0, 0, null)) {
			assertThat(unknown.awaitClose()).isEqualTo(new AgentClient.Close(4404, "terminal session unknown or ended"));
		}
		try (AgentClient owner = open("alice", session, 0, 0, null)) {
			assertThat(owner.awaitReady()).isEqualTo(session);
		}
	}

	@Test
	void runsOnlyAllowListedCommands() throws Exception {
		try (AgentClient denied = open("alice", null, 0, 0, "rm -rf /")) {
			assertThat(denied.awaitClose())
				.isEqualTo(new AgentClient.Close(1008, "cmd is not in the agent's allow-list"));
		}
		try (AgentClient allowed = open("alice", null, 0, 0, "cat")) {
			allowed.awaitReady();
			allowed.input("meow\r");
			allowed.awaitOutput("meow\r\nmeow\r\n");
		}
	}

	private AgentClient open(String user, String session, int cols, int rows, String cmd) {
		return AgentClient.connect(collector.port(), tokens.sign(token(user, session, cols, rows, cmd)));
	}

	private AgentToken token(String user, String session, int cols, int rows, String cmd) {
		return new AgentToken(user, this.container.environmentId(), collector.hostId(), this.container.id(), session,
				cols, rows, cmd, AgentTokens.newNonce(), System.currentTimeMillis() + 10_000);
	}

	private java.util.List<String> sleepers() {
		return this.container.exec("ps", "-o", "args").stdout().lines().filter((line) -> line.startsWith("sleep 100")).toList();
	}

}
