package io.envstream.collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaOutageIntegrationTests {

	private static final int LINES = 4_000;

	@Test
	void pausesReadingWithBoundedMemoryWhileKafkaIsDownAndLosesNothing() {
		linesThroughAFiveSecondOutage((registry) -> {
		});
	}

	/**
	 * With a producer that gives up waiting after 1 s, the transaction in flight when the broker goes
	 * away times out in {@code commitTransaction}: Kafka then refuses an abort, so the commit is made
	 * again (an abort once ended the publisher's thread: the collector read on and shipped nothing).
	 */
	@Test
	void aCommitThatTimesOutWhileKafkaIsDownIsCommittedAgainAndLosesNothing() {
		linesThroughAFiveSecondOutage((registry) -> assertThat(registry.get("envstream.collector.producer.timeouts")
			.tag("call", "commit")
			.counter()
			.count()).as("commits that timed out and were made again").isPositive(),
				"spring.kafka.producer.properties.max.block.ms=1000");
	}

	/** {@code afterwards} checks the collector's meters once every line has arrived. */
	private void linesThroughAFiveSecondOutage(Consumer<MeterRegistry> afterwards, String... producerProperties) {
		String env = "outage-" + UUID.randomUUID().toString().substring(0, 8);
		String hostId = RunningCollector.newHostId();
		List<String> properties = new ArrayList<>(List.of("envstream.collector.buffer-size=1MB", "envstream.collector.max-line-bytes=64KB"));
		properties.addAll(List.of(producerProperties));
		try (KafkaFixture kafka = KafkaFixture.startCluster(1);
				RunningCollector collector = RunningCollector.start(kafka, hostId, properties.toArray(String[]::new));
				DemoContainer container = DockerFixture.shared()
					.startDemo(env, "lines", "-r", "600", "-n", String.valueOf(LINES));
				TopicRecords<LogEvent> logs = TopicRecords.rawLines(kafka, (e) -> e.getEnvId().equals(env))) {
			MeterRegistry registry = collector.context().getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> logs.read().size() > 100);
			int broker = kafka.brokerIds().iterator().next();

			// when the only broker is down for five seconds while the container goes on writing
			kafka.stopBroker(broker);
			AtomicLong mostBuffered = new AtomicLong();
			await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> {
				mostBuffered.accumulateAndGet((long) registry.get("envstream.collector.buffer").gauge().value(), Math::max);
				return true;
			});
			kafka.restartBroker(broker);

			// then the buffer filled up to its bound (reading paused rather than dropping or growing),
			// and every line arrives exactly once
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(logs.read()).hasSize(LINES));
			assertThat(logs.read()).extracting(LogEvent::getSeq)
				.containsExactlyElementsOf(LongStream.rangeClosed(1, LINES).boxed().toList());
			assertThat(mostBuffered.get()).isBetween(1024L * 1024 * 3 / 4, 1024L * 1024);
			afterwards.accept(registry);
		}
	}

}
