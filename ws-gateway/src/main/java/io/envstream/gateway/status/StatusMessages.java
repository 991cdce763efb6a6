package io.envstream.gateway.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;

import io.envstream.gateway.json.Timestamps;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentStatus;

/**
 * Writes the server → client messages of the status endpoint ({@code status}, {@code metrics}) as
 * JSON text, from the Avro records of envstream.status and envstream.metrics.
 */
final class StatusMessages {

	/** The health states of the protocol; the engine's others ({@code none}) are left out. */
	private static final Set<String> HEALTH = Set.of("starting", "healthy", "unhealthy");

	private static final double MEBIBYTE = 1024.0 * 1024.0;

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
		return "{\"type\":\"metrics\",\"cpu\":" + decimal(metrics.getCpuPercent()) + ",\"memory\":"
				+ decimal(metrics.getMemoryBytes() / MEBIBYTE) + ",\"memoryLimit\":"
				+ decimal(metrics.getMemoryLimitBytes() / MEBIBYTE) + ",\"network\":{\"rx\":"
				+ Math.max(0, metrics.getNetRxBytes()) + ",\"tx\":" + Math.max(0, metrics.getNetTxBytes())
				+ "},\"timestamp\":\"" + Timestamps.ofMillis(metrics.getTimestampMillis()) + "\"}";
	}

	private static String decimal(double value) {
		if (!Double.isFinite(value) || value <= 0) {
			return "0";
		}
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

}
