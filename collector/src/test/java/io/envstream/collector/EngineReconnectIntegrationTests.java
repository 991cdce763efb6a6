package io.envstream.collector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.LongStream;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine going away and back while lines are written. The engine here is shared with other
 * tests, so it is not restarted: the collector reaches it through a proxy that drops every
 * connection and refuses new ones for a while, which is what the collector sees of an engine
 * restart (the engine itself keeps the container's log meanwhile, as it does across a restart
 * with live-restore or for a container that outlives the daemon's downtime).
 */
class EngineReconnectIntegrationTests {

	private static final int LINES = 2_000;

	@Test
	void recoversAfterTheEngineWasAwayAndLosesNothing() throws Exception {
		String env = "reconnect-" + UUID.randomUUID().toString().substring(0, 8);
		String hostId = RunningCollector.newHostId();
		try (EngineProxy proxy = EngineProxy.start(Path.of("/var/run/docker.sock"));
				RunningCollector collector = RunningCollector.start(hostId,
						"envstream.collector.docker-host=" + proxy.dockerHost());
				DemoContainer container = DockerFixture.shared()
					.startDemo(env, "lines", "-r", "200", "-n", String.valueOf(LINES));
				TopicRecords<LogEvent> logs = TopicRecords.rawLines((e) -> e.getEnvId().equals(env) && e.getHostId().equals(hostId))) {
			// given the collector follows the container
			await().atMost(Duration.ofSeconds(20)).until(() -> logs.read().size() > 100);

			// when the engine is away for three seconds while the container goes on writing
			proxy.down();
			int whileAway = logs.read().size();
			await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
			proxy.up();

			// then the collector reconnects and every line arrives exactly once
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(logs.read()).hasSize(LINES));
			assertThat(whileAway).isLessThan(LINES);
			assertThat(logs.read()).extracting(LogEvent::getSeq)
				.containsExactlyElementsOf(LongStream.rangeClosed(1, LINES).boxed().toList());
			assertThat(logs.read()).allMatch((e) -> e.getMessage().startsWith("line seq=" + e.getSeq() + " "));
			MeterRegistry registry = collector.context().getBean(MeterRegistry.class);
			assertThat(registry.get("envstream.collector.engine.reconnects").counter().count()).isPositive();
		}
	}

}
