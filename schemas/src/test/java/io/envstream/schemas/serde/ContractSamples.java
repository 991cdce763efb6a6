package io.envstream.schemas.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.AlertKind;
import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.LogFilePosition;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.avro.TerminalSession;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Named;

/** One realistic instance of every topic value record. */
final class ContractSamples {

	private ContractSamples() {
	}

	static List<SpecificRecord> all() {
		return List.of(logEventBatch("hello", "world"), logEvent("hello"), logBatch(), environmentStatus(),
				containerMetrics(), environmentDescriptor(), checkpoint(), terminalSession(), environmentClaim(),
				alert());
	}

	/** {@link #all()}, named for parameterized tests. */
	static java.util.stream.Stream<Named<SpecificRecord>> named() {
		return all().stream().map((record) -> Named.of(record.getSchema().getName(), record));
	}

	static LogEvent logEvent(String message) {
		return LogEvent.newBuilder()
			.setEnvId("env-1")
			.setHostId("host-a")
			.setContainerId("3f2a9c")
			.setStream(Stream.STDERR)
			.setTimestampNanos(1_700_000_000_123_456_789L)
			.setSeq(42)
			.setMessage(message)
			.build();
	}

	/** Consecutive lines of one container as a collector ships them, with seqs from 41 on. */
	static LogEventBatch logEventBatch(String... messages) {
		List<RawLine> lines = new ArrayList<>();
		for (String message : messages) {
			lines.add(RawLine.newBuilder()
				.setStream((lines.size() % 2 == 0) ? Stream.STDOUT : Stream.STDERR)
				.setTimestampNanos(1_700_000_000_123_456_789L + lines.size())
				.setSeq(41 + lines.size())
				.setMessage(message)
				.setTruncated(message.isEmpty())
				.build());
		}
		return LogEventBatch.newBuilder()
			.setEnvId("env-1")
			.setHostId("host-a")
			.setContainerId("3f2a9c")
			.setLines(lines)
			.build();
	}

	static LogBatch logBatch() {
		LogEntry first = LogEntry.newBuilder()
			.setStream(Stream.STDOUT)
			.setTimestampNanos(1_700_000_000_000_000_001L)
			.setContainerId("3f2a9c")
			.setHostId("host-a")
			.setSeq(1)
			.setMessage("started ✓")
			.build();
		LogEntry second = LogEntry.newBuilder(first)
			.setSeq(2)
			.setMessage("password=***")
			.setMetadata(Map.of("redacted", "1"))
			.build();
		return LogBatch.newBuilder()
			.setEnvId("env-1")
			.setEntries(List.of(first, second))
			.setSourcePartition(7)
			.setSourceFirstOffset(1000)
			.setSourceLastOffset(1001)
			.build();
	}

	static EnvironmentStatus environmentStatus() {
		return EnvironmentStatus.newBuilder()
			.setEnvId("env-1")
			.setStatus(Status.EXITED)
			.setExitCode(137)
			.setContainerId("3f2a9c")
			.setHostId("host-a")
			.setTimestampMillis(1_700_000_000_000L)
			.build();
	}

	static ContainerMetrics containerMetrics() {
		return ContainerMetrics.newBuilder()
			.setEnvId("env-1")
			.setContainerId("3f2a9c")
			.setHostId("host-a")
			.setCpuPercent(12.5)
			.setMemoryBytes(64L << 20)
			.setMemoryLimitBytes(1L << 30)
			.setNetRxBytes(1234)
			.setNetTxBytes(5678)
			.setBlkReadBytes(0)
			.setBlkWriteBytes(4096)
			.setPids(3)
			.setTimestampMillis(1_700_000_000_000L)
			.build();
	}

	static EnvironmentDescriptor environmentDescriptor() {
		return EnvironmentDescriptor.newBuilder()
			.setEnvId("env-1")
			.setHostId("host-a")
			.setContainerId(null)
			.setName("env-1-app")
			.setImage("envstream/demo:latest")
			.setLabels(Map.of("envstream.environment", "env-1", "envstream.owner", "alice"))
			.setOwner("alice")
			.setTeam(null)
			.setAgentUrl("ws://host-a:8081/internal/terminal")
			.setCreatedMillis(1_700_000_000_000L)
			.build();
	}

	static Checkpoint checkpoint() {
		return Checkpoint.newBuilder()
			.setHostId("host-a")
			.setContainerId("3f2a9c")
			.setLastTimestampNanos(1_700_000_000_123_456_789L)
			.setSeq(42)
			.setLogFilePosition(new LogFilePosition("(dev=803,ino=1234)", 65_536L))
			.build();
	}

	static TerminalSession terminalSession() {
		return TerminalSession.newBuilder()
			.setSessionId("s-7Kq2")
			.setUser("alice")
			.setEnvId("env-1")
			.setHostId("host-a")
			.setContainerId("3f2a9c")
			.setCommand("/bin/bash")
			.setStartedMillis(1_700_000_000_000L)
			.setEndedMillis(1_700_000_060_000L)
			.setBytesIn(120)
			.setBytesOut(4096)
			.setExitCode(0)
			.setEndReason("exited")
			.build();
	}

	static EnvironmentClaim environmentClaim() {
		return EnvironmentClaim.newBuilder()
			.setEnvId("env-1")
			.setHostId("host-b")
			.setOwner("alice")
			.setTeam("payments")
			.setClaimedBy("root")
			.setClaimedMillis(1_700_000_000_000L)
			.build();
	}

	static Alert alert() {
		return Alert.newBuilder()
			.setAlertId("7:env-1:1700000040000")
			.setRuleId(7)
			.setRuleName("errors in checkout")
			.setKind(AlertKind.LOG_PATTERN)
			.setEnvId("env-1")
			.setSummary("5 lines matched ERROR within 60 s")
			.setObserved(5)
			.setThreshold(5)
			.setWindowStartMillis(1_700_000_040_000L)
			.setFiredMillis(1_700_000_071_000L)
			.build();
	}

}
