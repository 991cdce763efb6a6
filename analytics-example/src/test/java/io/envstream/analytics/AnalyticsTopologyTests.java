package io.envstream.analytics;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsTopologyTests {

	static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

	private final List<EnvironmentMinute> published = new CopyOnWriteArrayList<>();

	@TempDir
	Path stateDir;

	private TopologyTestDriver driver;

	@BeforeEach
	void startDriver() {
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-topology-tests");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG, this.stateDir.toString());
		config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
		this.driver = new TopologyTestDriver(new AnalyticsTopology(this.published::add).build(), config);
	}

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void countsLinesErrorLinesAndRestartsPerEnvironmentAndMinuteOnTheCompactedTopic() {
		lines("env-a", T0 + 1_000, "GET / 200", "ERROR db down", "java.lang.IllegalStateException: boom");
		lines("env-a", T0 + 59_000, "fatal: out of disk");
		restart("env-a", T0 + 30_000);
		restart("env-a", T0 + 40_000);
		lines("env-a", T0 + 61_000, "GET / 200");
		lines("env-b", T0 + 2_000, "terrorists and errors: whole words only");

		Map<String, String> latest = this.driver
			.createOutputTopic(AnalyticsTopology.OUTPUT_NAME, AnalyticsTopology.OUTPUT.keySerde().deserializer(),
					AnalyticsTopology.OUTPUT.valueSerde().deserializer())
			.readKeyValuesToMap();

		String minute0 = Instant.ofEpochMilli(T0).toString();
		String minute1 = Instant.ofEpochMilli(T0 + 60_000).toString();
		assertThat(latest).containsOnlyKeys("env-a@" + minute0, "env-a@" + minute1, "env-b@" + minute0);
		assertThat(latest.get("env-a@" + minute0)).isEqualTo("{\"envId\":\"env-a\",\"minute\":\"" + minute0
				+ "\",\"lines\":4,\"errorLines\":3,\"errorRate\":0.75,\"restarts\":2}");
		assertThat(latest.get("env-a@" + minute1)).contains("\"lines\":1,\"errorLines\":0");
		assertThat(latest.get("env-b@" + minute0)).contains("\"lines\":1,\"errorLines\":0");
	}

	@Test
	void publishesEachUpdateForTheGauges() {
		lines("env-a", T0, "ok", "ERROR");

		assertThat(this.published).last()
			.satisfies((minute) -> assertThat(minute.stats()).isEqualTo(new MinuteStats(2, 1, 0)));
	}

	@Test
	void aRunningStatusPublishedAgainIsNoRestartButDockerRestartIs() {
		lines("env-a", T0 + 1_000, "GET / 200");
		status("env-a", T0 + 2_000, Status.RUNNING);
		status("env-a", T0 + 3_000, Status.RUNNING);
		status("env-a", T0 + 4_000, Status.EXITED);
		status("env-a", T0 + 5_000, Status.RUNNING);
		status("env-a", T0 + 6_000, Status.RUNNING);

		Map<String, String> latest = this.driver
			.createOutputTopic(AnalyticsTopology.OUTPUT_NAME, AnalyticsTopology.OUTPUT.keySerde().deserializer(),
					AnalyticsTopology.OUTPUT.valueSerde().deserializer())
			.readKeyValuesToMap();

		assertThat(latest.get("env-a@" + Instant.ofEpochMilli(T0))).contains("\"lines\":1,").endsWith("\"restarts\":1}");
	}

	private void lines(String envId, long timestampMillis, String... messages) {
		List<LogEntry> entries = Arrays.stream(messages)
			.map((message) -> LogEntry.newBuilder()
				.setStream(Stream.STDOUT)
				.setTimestampNanos(timestampMillis * 1_000_000)
				.setContainerId("c")
				.setHostId("h")
				.setSeq(0)
				.setMessage(message)
				.build())
			.toList();
		this.driver
			.createInputTopic(Topics.LOGS.name(), Topics.LOGS.keySerde().serializer(),
					Topics.LOGS.valueSerde().serializer())
			.pipeInput(envId, LogBatch.newBuilder()
				.setEnvId(envId)
				.setEntries(entries)
				.setSourcePartition(0)
				.setSourceFirstOffset(0)
				.setSourceLastOffset(0)
				.build(), timestampMillis);
	}

	/** A restart policy's restart: restarting, then running again. */
	private void restart(String envId, long timestampMillis) {
		status(envId, timestampMillis, Status.RESTARTING);
		status(envId, timestampMillis + 1, Status.RUNNING);
	}

	private void status(String envId, long timestampMillis, Status status) {
		this.driver
			.createInputTopic(Topics.STATUS.name(), Topics.STATUS.keySerde().serializer(),
					Topics.STATUS.valueSerde().serializer())
			.pipeInput(envId, EnvironmentStatus.newBuilder()
				.setEnvId(envId)
				.setStatus(status)
				.setContainerId("c")
				.setHostId("h")
				.setTimestampMillis(timestampMillis)
				.build(), timestampMillis);
	}

}
