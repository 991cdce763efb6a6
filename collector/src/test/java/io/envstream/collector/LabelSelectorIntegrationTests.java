package io.envstream.collector;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.terminal.AgentToken;
import io.envstream.schemas.terminal.AgentTokens;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector with a label selector beside other labelled containers on the same engine (as when
 * several collectors, or a benchmark and other users, share one): it follows only its own.
 */
class LabelSelectorIntegrationTests {

	private static final String MASTER = "label-selector-test-secret-0123456789";

	private static final String RUN_LABEL = "envstream.test.selector-run";

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String[] FIFTY_LINES_THEN_IDLE = { "sh", "-c", "demo lines -r 100 -n 50 && exec demo idle" };

	private static final DockerFixture docker = DockerFixture.shared();

	private static RunningCollector collector;

	@BeforeAll
	static void startCollector() {
		String hostId = RunningCollector.newHostId();
		collector = RunningCollector.start(hostId, "envstream.collector.label-selector=" + RUN_LABEL + "=" + RUN,
				"envstream.collector.terminal.key=" + AgentTokens.hostKey(MASTER, hostId));
	}

	@AfterAll
	static void stopCollector() {
		collector.close();
	}

	@Test
	void followsOnlyTheEnvironmentContainersMatchingItsLabelSelector() {
		// given an environment container of another run, started first, and one of this run
		String otherEnv = "selector-other-" + UUID.randomUUID().toString().substring(0, 8);
		String ownEnv = "selector-own-" + UUID.randomUUID().toString().substring(0, 8);
		try (TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(otherEnv) || e.getEnvId().equals(ownEnv));
				TopicRecords<EnvironmentDescriptor> descriptors = new TopicRecords<>(Topics.ENVIRONMENTS,
						(d) -> d.getEnvId().equals(otherEnv) || d.getEnvId().equals(ownEnv));
				DemoContainer other = docker.startDemo(otherEnv, Map.of(RUN_LABEL, "another-run"), FIFTY_LINES_THEN_IDLE);
				DemoContainer own = docker.startDemo(ownEnv, Map.of(RUN_LABEL, RUN), FIFTY_LINES_THEN_IDLE)) {
			// when the own container's 50 lines have been shipped
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(logs.read()).filteredOn((e) -> e.getEnvId().equals(ownEnv))
					.extracting(LogEvent::getSeq)
					.containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList()));
			other.writeStdout("written after the own container's lines were shipped");
			own.writeStdout("the own container's last line");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(logs.read()).filteredOn((e) -> e.getEnvId().equals(ownEnv)).hasSize(51));

			// then no line and no descriptor of the other run's container was published
			assertThat(logs.read()).extracting(LogEvent::getEnvId).containsOnly(ownEnv);
			assertThat(descriptors.read()).extracting(EnvironmentDescriptor::getEnvId).contains(ownEnv).doesNotContain(otherEnv);
		}
	}

	@Test
	void opensTerminalsOnlyInContainersMatchingItsLabelSelector() throws Exception {
		AgentTokens tokens = AgentTokens.forHost(MASTER, collector.hostId());
		try (DemoContainer other = docker.startDemo("selector-term-other", Map.of(RUN_LABEL, "another-run"));
				DemoContainer own = docker.startDemo("selector-term-own", Map.of(RUN_LABEL, RUN))) {
			try (AgentClient refused = AgentClient.connect(collector.port(), tokens.sign(token(other)))) {
				assertThat(refused.awaitClose())
					.isEqualTo(new AgentClient.Close(1008, "the container is not followed by this agent"));
			}
			try (AgentClient shell = AgentClient.connect(collector.port(), tokens.sign(token(own)))) {
				shell.awaitReady();
				shell.input("echo selected\r");
				shell.awaitOutput("selected\r\n");
			}
		}
	}

	private static AgentToken token(DemoContainer container) {
		return new AgentToken("alice", container.environmentId(), collector.hostId(), container.id(), null, 0, 0, null,
				AgentTokens.newNonce(), System.currentTimeMillis() + AgentTokens.MAX_TTL.toMillis());
	}

}
