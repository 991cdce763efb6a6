package io.envstream.processor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.StoppablePostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PostgreSQL goes away for 10 s in the middle of a run; afterwards every line is stored, once. */
class DatabaseOutageIntegrationTests {

	private static final int ENVIRONMENTS = 10;

	private static final int LINES_PER_ENVIRONMENT = 3_000;

	@TempDir
	Path directory;

	@Test
	void persisterRetriesThroughAnOutageAndStoresEveryLineExactlyOnce() {
		try (KafkaFixture kafka = startCluster();
				StoppablePostgres postgres = new StoppablePostgres(this.directory.resolve("pgdata"));
				ConfigurableApplicationContext processor = start(kafka, postgres);
				LogLines lines = new LogLines(kafka.producerProps())) {
			// given
			String prefix = "outage-" + UUID.randomUUID();
			StoredLines stored = new StoredLines(postgres.fixture().dataSource());
			lines.sendRange(prefix, ENVIRONMENTS, 0, LINES_PER_ENVIRONMENT / 3);
			lines.flush();
			await().atMost(Duration.ofSeconds(60)).until(() -> stored.count(prefix) > 0);

			// when
			postgres.stop();
			long stoppedAt = System.nanoTime();
			lines.sendRange(prefix, ENVIRONMENTS, LINES_PER_ENVIRONMENT / 3, LINES_PER_ENVIRONMENT);
			lines.flush();
			MeterRegistry registry = processor.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> databaseErrors(registry) > 0
						&& System.nanoTime() - stoppedAt >= Duration.ofSeconds(10).toNanos());
			postgres.start();

			// then
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
				.until(() -> stored.count(prefix) >= ENVIRONMENTS * LINES_PER_ENVIRONMENT);
			stored.assertExactlyOnceInOrder(prefix, ENVIRONMENTS, LINES_PER_ENVIRONMENT,
					kafka.consumerProps("check-" + prefix));
			assertThat(databaseErrors(registry)).isPositive();
		}
	}

	private static KafkaFixture startCluster() {
		KafkaFixture kafka = KafkaFixture.startCluster(1);
		kafka.provisionTopics(SharedProcessorContext.PARTITIONS);
		return kafka;
	}

	private static double databaseErrors(MeterRegistry registry) {
		return registry.get("envstream.persister.db.errors").counter().count();
	}

	private ConfigurableApplicationContext start(KafkaFixture kafka, StoppablePostgres postgres) {
		return StreamProcessorApplication.application().run(
				"--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--spring.datasource.url=" + postgres.jdbcUrl(),
				"--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres",
				"--server.port=0",
				"--envstream.processor.partitions=" + SharedProcessorContext.PARTITIONS,
				"--spring.kafka.streams.state-dir=" + this.directory.resolve("state"),
				"--envstream.processor.persister.retry-max-interval=1s");
	}

}
