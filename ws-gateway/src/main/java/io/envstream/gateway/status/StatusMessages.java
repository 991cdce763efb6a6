package io.envstream.gateway.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.envstream.gateway.json.Timestamps;
import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the server → client messages of the status endpoint ({@code status}, {@code metrics},
 * {@code alert}) as JSON text, from the Avro records of envstream.status, envstream.metrics and
 * envstream.alerts.
 */
final class StatusMessages {

	/** The health states of the protocol; the engine's others ({@code none}) are left out. */
	private static final Set<String> HEALTH = Set.of("starting", "healthy", "unhealthy");

	private static final double MEBIBYTE = 1024.0 * 1024.0;

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private StatusMessages() {
	}

	/** {@code {"type":"status","status":"exited","timestamp":"…","exitCode":3,"health":"healthy"}} */
	static String status(EnvironmentStatus status) {
		StringBuilder out = new StringBuilder(128);
		out.append("{\"type\":\"status\",\"status\":\"")
			.append(status.getStatus().name().toLowerCase(Locale.ROOT))
			.append("\",\"timestamp\":\"")
			.append(Timestamps.ofMillis(status.getTimestampMillis()))
			.append('"');
		if (status.getExitCode() != null) {
			out.append(",\"exitCode\":").append(status.getExitCode().intValue());
		}
		if (status.getHealth() != null && HEALTH.contains(status.getHealth())) {
			out.append(",\"health\":\"").append(status.getHealth()).append('"');
		}
		return out.append('}').toString();
	}

	/**
	 * {@code {"type":"metrics","cpu":45.2,"memory":2048,"memoryLimit":4096,"network":{"rx":…,"tx":…},"timestamp":"…"}}:
	 * CPU in percent of one core (as {@code docker stats}), memory in MiB, both to two decimals;
	 * network bytes since the container started.
	 */
	static String metrics(ContainerMetrics metrics) {
		return "{\"type\":\"metrics\"," + sample(metrics) + "}";
	}

	/**
	 * The latest of {@code samples} (oldest first, never empty) as a {@code metrics} message whose
	 * {@code recent} holds the earlier ones, without {@code type}: what a subscriber gets first.
	 */
	static String metrics(List<ContainerMetrics> samples) {
		StringJoiner recent = new StringJoiner(",", ",\"recent\":[", "]");
		samples.subList(0, samples.size() - 1).forEach((earlier) -> recent.add("{" + sample(earlier) + "}"));
		return "{\"type\":\"metrics\"," + sample(samples.get(samples.size() - 1)) + recent + "}";
	}

	private static String sample(ContainerMetrics metrics) {
		return "\"cpu\":" + decimal(metrics.getCpuPercent()) + ",\"memory\":"
				+ decimal(metrics.getMemoryBytes() / MEBIBYTE) + ",\"memoryLimit\":"
				+ decimal(metrics.getMemoryLimitBytes() / MEBIBYTE) + ",\"network\":{\"rx\":"
				+ Math.max(0, metrics.getNetRxBytes()) + ",\"tx\":" + Math.max(0, metrics.getNetTxBytes())
				+ "},\"timestamp\":\"" + Timestamps.ofMillis(metrics.getTimestampMillis()) + "\"";
	}

	/**
	 * {@code {"type":"alert","id":"7:checkout:1767261600000","ruleId":7,"rule":"…","kind":"LOG_PATTERN",
	 * "summary":"…","observed":5.0,"threshold":5.0,"windowStart":"…","fired":"…"}}: the alerts app's webhook
	 * body, with {@code id} and {@code rule} for {@code alertId} and {@code ruleName} and without {@code envId}
	 * (the connection is the environment's). Written through Jackson, unlike the others: its texts come from
	 * people (rule names, patterns in summaries) and alerts are rare. Only for a {@link #writable} alert.
	 */
	static String alert(Alert alert) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", "alert");
		message.put("id", alert.getAlertId());
		message.put("ruleId", alert.getRuleId());
		message.put("rule", alert.getRuleName());
		message.put("kind", alert.getKind().name());
		message.put("summary", alert.getSummary());
		message.put("observed", alert.getObserved());
		message.put("threshold", alert.getThreshold());
		message.put("windowStart", Timestamps.ofMillis(alert.getWindowStartMillis()));
		message.put("fired", Timestamps.ofMillis(alert.getFiredMillis()));
		return mapper.writeValueAsString(message);
	}

	/** Whether an alert's numbers can be written: JSON has no NaN or infinity. */
	static boolean writable(Alert alert) {
		return Double.isFinite(alert.getObserved()) && Double.isFinite(alert.getThreshold());
	}

	private static String decimal(double value) {
		if (!Double.isFinite(value) || value <= 0) {
			return "0";
		}
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

}
