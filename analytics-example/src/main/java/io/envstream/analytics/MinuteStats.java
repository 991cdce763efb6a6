package io.envstream.analytics;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What happened in one environment during one minute: lines logged, lines that look like errors, restarts. Also
 * one increment of it (one line, one restart), so that both inputs aggregate into the same record.
 */
record MinuteStats(long lines, long errorLines, long restarts) {

	static final MinuteStats NONE = new MinuteStats(0, 0, 0);

	/** As text {@code lines,errorLines,restarts}: the state store's and the repartition-free aggregate's format. */
	static final Serde<MinuteStats> SERDE = Serdes.serdeFrom(
			(topic, stats) -> (stats != null) ? stats.format().getBytes(StandardCharsets.UTF_8) : null,
			(topic, bytes) -> (bytes != null) ? parse(new String(bytes, StandardCharsets.UTF_8)) : null);

	static MinuteStats line(boolean error) {
		return new MinuteStats(1, error ? 1 : 0, 0);
	}

	static MinuteStats restart() {
		return new MinuteStats(0, 0, 1);
	}

	MinuteStats plus(MinuteStats other) {
		return new MinuteStats(this.lines + other.lines, this.errorLines + other.errorLines,
				this.restarts + other.restarts);
	}

	/** Error lines per line logged, 0 for a minute without lines. */
	double errorRate() {
		return (this.lines > 0) ? (double) this.errorLines / this.lines : 0;
	}

	String format() {
		return this.lines + "," + this.errorLines + "," + this.restarts;
	}

	static MinuteStats parse(String text) {
		String[] parts = text.split(",");
		return new MinuteStats(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
	}

}
