package io.envstream.alerts.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import io.envstream.alerts.rules.AlertRule;
import io.envstream.alerts.rules.LifecycleEvent;
import io.envstream.alerts.rules.LogPattern;
import io.envstream.alerts.rules.Metric;
import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.AlertKind;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AlertTopologyTests {

	private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

	private final List<AlertRule> rules = new CopyOnWriteArrayList<>();

	@TempDir
	Path stateDir;

	private TopologyTestDriver driver;

	private TestOutputTopic<String, Alert> alerts;

	@BeforeEach
	void startDriver() {
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-topology-tests");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG, this.stateDir.toString());
		this.driver = new TopologyTestDriver(new AlertTopology(() -> this.rules).build(), config);
		this.alerts = this.driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
				Topics.ALERTS.valueSerde().deserializer());
	}

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void logRuleFiresOncePerWindowWhenEnoughLinesMatch() {
		this.rules.add(logRule(1, "env-a", "ERROR", 3, Duration.ofMinutes(1)));

		lines("env-a", T0, "ERROR one", "fine", "ERROR two");
		assertThat(this.alerts.readValuesToList()).isEmpty();
		lines("env-a", T0 + 10_000, "ERROR three", "ERROR four", "ERROR five");
		lines("env-a", T0 + 61_000, "ERROR next minute");

		List<Alert> fired = this.alerts.readValuesToList();
		assertThat(fired).singleElement().satisfies((alert) -> {
			assertThat(alert.getAlertId()).isEqualTo("1:env-a:" + T0);
			assertThat(alert.getObserved()).isEqualTo(3);
			assertThat(alert.getWindowStartMillis()).isEqualTo(T0);
			assertThat(alert.getFiredMillis()).isEqualTo(T0 + 10_000);
		});
	}

	@Test
	void logRuleFiresAgainInTheNextWindowAndIgnoresOtherEnvironments() {
		this.rules.add(logRule(1, "env-a", "ERROR", 2, Duration.ofMinutes(1)));

		lines("env-a", T0, "ERROR", "ERROR");
		lines("env-b", T0, "ERROR", "ERROR", "ERROR");
		lines("env-a", T0 + 60_000, "ERROR", "ERROR");

		assertThat(this.alerts.readValuesToList()).extracting(Alert::getAlertId)
			.containsExactly("1:env-a:" + T0, "1:env-a:" + (T0 + 60_000));
	}

	@Test
	void labelSelectorWatchesEveryEnvironmentWhoseDescriptorCarriesTheLabels() {
		this.rules.add(new AlertRule(2, "payments errors", null, Map.of("team", "payments"), AlertKind.LOG_PATTERN,
				LogPattern.compile("panic"), null, null, null, null, 1, Duration.ofMinutes(1)));
		describe("env-p", Map.of("team", "payments", "tier", "web"));
		describe("env-q", Map.of("team", "search"));

		lines("env-p", T0, "panic: nil map");
		lines("env-q", T0, "panic: nil map");
		lines("env-unknown", T0, "panic: nil map");

		assertThat(this.alerts.readKeyValuesToList()).extracting((record) -> record.key).containsExactly("env-p");
	}

	@Test
	void metricRuleFiresOnceWhenTheThresholdHeldForTheDurationAndAgainAfterARecovery() {
		this.rules.add(new AlertRule(3, "hot cpu", "env-a", Map.of(), AlertKind.METRIC_THRESHOLD, null,
				Metric.CPU_PERCENT, 90.0, Duration.ofSeconds(30), null, null, null));

		cpu("env-a", T0, 95);
		cpu("env-a", T0 + 20_000, 97);
		assertThat(this.alerts.readValuesToList()).isEmpty();
		cpu("env-a", T0 + 30_000, 99);
		cpu("env-a", T0 + 40_000, 99);
		cpu("env-a", T0 + 50_000, 10);
		cpu("env-a", T0 + 60_000, 91);
		cpu("env-a", T0 + 95_000, 91);

		assertThat(this.alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getObserved)
			.containsExactly(tuple("3:env-a:" + T0, 99.0),
					tuple("3:env-a:" + (T0 + 60_000), 91.0));
	}

	@Test
	void exitWithANonZeroCodeFiresOnceEvenWhenTheSameStatusIsSeenAgain() {
		this.rules.add(lifecycleRule(4, LifecycleEvent.EXITED_NON_ZERO, null, null));

		status("env-a", T0, Status.RUNNING, null, null);
		status("env-a", T0 + 1_000, Status.EXITED, 137, null);
		status("env-a", T0 + 1_000, Status.EXITED, 137, null);
		status("env-a", T0 + 2_000, Status.RUNNING, null, null);
		status("env-a", T0 + 3_000, Status.EXITED, 0, null);
		status("env-a", T0 + 4_000, Status.EXITED, 1, null);

		assertThat(this.alerts.readValuesToList()).extracting(Alert::getWindowStartMillis, Alert::getObserved)
			.containsExactly(tuple(T0 + 1_000, 137.0),
					tuple(T0 + 4_000, 1.0));
	}

	@Test
	void unhealthyFiresEachTimeTheHealthCheckTurns() {
		this.rules.add(lifecycleRule(5, LifecycleEvent.UNHEALTHY, null, null));

		status("env-a", T0, Status.RUNNING, null, "healthy");
		status("env-a", T0 + 1_000, Status.RUNNING, null, "unhealthy");
		status("env-a", T0 + 2_000, Status.RUNNING, null, "unhealthy");
		status("env-a", T0 + 3_000, Status.RUNNING, null, "healthy");
		status("env-a", T0 + 4_000, Status.RUNNING, null, "unhealthy");

		assertThat(this.alerts.readValuesToList()).extracting(Alert::getWindowStartMillis)
			.containsExactly(T0 + 1_000, T0 + 4_000);
	}

	@Test
	void restartingFiresWhenTheContainerRestartsAtLeastNTimesInTheWindow() {
		this.rules.add(lifecycleRule(6, LifecycleEvent.RESTARTING, 3, Duration.ofMinutes(10)));

		for (int restart = 0; restart < 5; restart++) {
			status("env-a", T0 + restart * 1_000L, Status.RESTARTING, null, null);
			status("env-a", T0 + restart * 1_000L + 500, Status.RUNNING, null, null);
		}

		assertThat(this.alerts.readValuesToList()).singleElement().satisfies((alert) -> {
			assertThat(alert.getObserved()).isEqualTo(3);
			assertThat(alert.getSummary()).isEqualTo("restarted 3 times within 600 s");
		});
	}

	@Test
	void restartsCountAsThePersistersActivityCountsThemWithoutARestartingStatus() {
		this.rules.add(lifecycleRule(8, LifecycleEvent.RESTARTING, 2, Duration.ofMinutes(10)));

		status("env-a", T0, Status.RUNNING, null, null);
		status("env-a", T0 + 100, Status.RUNNING, null, null);
		// docker restart: die, start, and running reported once more
		status("env-a", T0 + 1_000, Status.EXITED, 0, null);
		status("env-a", T0 + 1_100, Status.RUNNING, null, null);
		status("env-a", T0 + 1_200, Status.RUNNING, null, null);
		assertThat(this.alerts.readValuesToList()).isEmpty();
		// the container recreated for the environment
		status("env-a", T0 + 2_000, Status.STOPPED, 0, null);
		status("env-a", T0 + 2_100, Status.REMOVED, null, null);
		status("env-a", T0 + 2_200, Status.CREATED, null, null);
		status("env-a", T0 + 2_300, Status.RUNNING, null, null);

		assertThat(this.alerts.readValuesToList()).singleElement().satisfies((alert) -> {
			assertThat(alert.getObserved()).isEqualTo(2);
			assertThat(alert.getFiredMillis()).isEqualTo(T0 + 2_300);
		});
	}

	@Test
	void aRuleAddedLaterAppliesFromTheNextRecord() {
		lines("env-a", T0, "ERROR");
		this.rules.add(logRule(7, "env-a", "ERROR", 1, Duration.ofMinutes(1)));
		lines("env-a", T0 + 1_000, "ERROR");

		assertThat(this.alerts.readValuesToList()).extracting(Alert::getFiredMillis).containsExactly(T0 + 1_000);
	}

	static AlertRule logRule(long id, String envId, String pattern, int atLeast, Duration window) {
		return new AlertRule(id, "rule " + id, envId, Map.of(), AlertKind.LOG_PATTERN, LogPattern.compile(pattern),
				null, null, null, null, atLeast, window);
	}

	private static AlertRule lifecycleRule(long id, LifecycleEvent event, Integer atLeast, Duration window) {
		return new AlertRule(id, "rule " + id, "env-a", Map.of(), AlertKind.LIFECYCLE, null, null, null, null, event,
				atLeast, window);
	}

	private void lines(String envId, long timestampMillis, String... messages) {
		List<LogEntry> entries = new ArrayList<>();
		for (String message : messages) {
			entries.add(LogEntry.newBuilder()
				.setStream(Stream.STDOUT)
				.setTimestampNanos(timestampMillis * 1_000_000)
				.setContainerId("c-" + envId)
				.setHostId("host-a")
				.setSeq(entries.size())
				.setMessage(message)
				.build());
		}
		input(Topics.LOGS).pipeInput(envId, LogBatch.newBuilder()
			.setEnvId(envId)
			.setEntries(entries)
			.setSourcePartition(0)
			.setSourceFirstOffset(0)
			.setSourceLastOffset(entries.size() - 1)
			.build());
	}

	private void cpu(String envId, long timestampMillis, double cpuPercent) {
		input(Topics.METRICS).pipeInput(envId, ContainerMetrics.newBuilder()
			.setEnvId(envId)
			.setContainerId("c-" + envId)
			.setHostId("host-a")
			.setCpuPercent(cpuPercent)
			.setMemoryBytes(1)
			.setMemoryLimitBytes(2)
			.setNetRxBytes(0)
			.setNetTxBytes(0)
			.setBlkReadBytes(0)
			.setBlkWriteBytes(0)
			.setPids(1)
			.setTimestampMillis(timestampMillis)
			.build());
	}

	private void status(String envId, long timestampMillis, Status status, Integer exitCode, String health) {
		input(Topics.STATUS).pipeInput(envId, EnvironmentStatus.newBuilder()
			.setEnvId(envId)
			.setStatus(status)
			.setExitCode(exitCode)
			.setHealth(health)
			.setContainerId("c-" + envId)
			.setHostId("host-a")
			.setTimestampMillis(timestampMillis)
			.build());
	}

	private void describe(String envId, Map<String, String> labels) {
		input(Topics.ENVIRONMENTS).pipeInput(envId, EnvironmentDescriptor.newBuilder()
			.setEnvId(envId)
			.setHostId("host-a")
			.setContainerId("c-" + envId)
			.setName(envId)
			.setImage("demo")
			.setLabels(labels)
			.setOwner(null)
			.setTeam(null)
			.setAgentUrl(null)
			.setCreatedMillis(T0)
			.build());
	}

	private <V> TestInputTopic<String, V> input(TopicDefinition<String, V> topic) {
		return this.driver.createInputTopic(topic.name(), topic.keySerde().serializer(),
				topic.valueSerde().serializer());
	}

}
