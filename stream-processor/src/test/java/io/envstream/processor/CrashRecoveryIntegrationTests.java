package io.envstream.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/**
 * Kills the topology, then the persister, with SIGKILL in the middle of a run, on a Kafka cluster of its own, and
 * checks that every line still ends up in PostgreSQL exactly once at its position, and is counted once in
 * environment_activity.
 */
class CrashRecoveryIntegrationTests {

	private static final int ENVIRONMENTS = 20;

	private static final int LINES_PER_ENVIRONMENT = 5_000;

	private final PostgresFixture postgres = PostgresFixture.shared();

	private final StoredLines stored = new StoredLines(this.postgres.dataSource());

	private final List<ProcessorProcess> processes = new ArrayList<>();

	@TempDir
	Path stateDirectories;

	@AfterEach
	void killWhatIsLeft() {
		this.processes.forEach(ProcessorProcess::kill);
		this.processes.clear();
	}

	@Test
	void everyLineIsStoredExactlyOnceAfterTheTopologyAndThenThePersisterAreKilledMidRun() throws Exception {
		try (KafkaFixture kafka = KafkaFixture.startCluster(1)) {
			// given
			String prefix = "crash-" + UUID.randomUUID();
			kafka.provisionTopics(SharedProcessorContext.PARTITIONS);
			ProcessorProcess topology = start(kafka, "crash-topology-1", "persister");
			ProcessorProcess persister = start(kafka, "crash-persister-1", "topology");
			int total = ENVIRONMENTS * LINES_PER_ENVIRONMENT;
			CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produceSteadily(kafka, prefix));

			// when
			awaitStored(prefix, total / 5);
			topology.kill();
			start(kafka, "crash-topology-2", "persister");
			awaitStored(prefix, total / 2);
			persister.kill();
			start(kafka, "crash-persister-2", "topology");
			producing.get(2, TimeUnit.MINUTES);

			// then
			awaitStored(prefix, total);
			this.stored.assertExactlyOnceInOrder(prefix, ENVIRONMENTS, LINES_PER_ENVIRONMENT,
					kafka.consumerProps("check-" + prefix));
			this.stored.assertCountedOnceInActivity(prefix, total);
			killWhatIsLeft();
		}
	}

	/** Spreads the lines over about 20 s, so that the kills land while lines are in flight. */
	private static void produceSteadily(KafkaFixture kafka, String prefix) {
		try (LogLines lines = new LogLines(kafka.producerProps())) {
			int step = LINES_PER_ENVIRONMENT / 100;
			long started = System.nanoTime();
			for (int from = 0; from < LINES_PER_ENVIRONMENT; from += step) {
				lines.sendRange(prefix, ENVIRONMENTS, from, from + step);
				lines.flush();
				long due = started + TimeUnit.MILLISECONDS.toNanos(200L * (from / step + 1));
				// pacing the producer, not waiting for an outcome
				TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitStored(String prefix, long lines) {
		try {
			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
				.until(() -> this.stored.count(prefix) >= lines);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("%d of %d lines stored after 2 minutes; the processors:%n%s".formatted(
					this.stored.count(prefix), lines,
					this.processes.stream().map((process) -> process.describe(60)).collect(Collectors.joining("\n"))),
					ex);
		}
	}

	private ProcessorProcess start(KafkaFixture kafka, String name, String disabledPart) throws Exception {
		Path stateDirectory = Files.createDirectories(this.stateDirectories.resolve(name));
		ProcessorProcess process = ProcessorProcess.start(name, List.of(
				"--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--spring.datasource.url=" + this.postgres.jdbcUrl(),
				"--spring.datasource.username=" + this.postgres.username(),
				"--spring.datasource.password=" + this.postgres.password(),
				"--server.port=0",
				"--envstream.processor." + disabledPart + ".enabled=false",
				"--envstream.processor.partitions=" + SharedProcessorContext.PARTITIONS,
				"--spring.kafka.streams.state-dir=" + stateDirectory,
				// a killed member's partitions move on after this, not after the default 45 s
				"--spring.kafka.streams.properties.session.timeout.ms=6000",
				"--spring.kafka.streams.properties.heartbeat.interval.ms=1000",
				"--spring.kafka.consumer.properties.session.timeout.ms=6000",
				"--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
				"--envstream.processor.persister.retry-max-interval=1s"));
		this.processes.add(process);
		return process;
	}

}
