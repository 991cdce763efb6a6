package io.envstream.analytics;

import java.time.Instant;

/**
 * One record of the output topic: an environment's stats for the minute starting at {@code minute}. Written as
 * JSON, keyed {@code envId@minute}, so the compacted topic keeps the final figures of every minute.
 */
record EnvironmentMinute(String envId, Instant minute, MinuteStats stats) {

	String key() {
		return this.envId + "@" + this.minute;
	}

	String toJson() {
		return "{\"envId\":\"" + escape(this.envId) + "\",\"minute\":\"" + this.minute + "\",\"lines\":"
				+ this.stats.lines() + ",\"errorLines\":" + this.stats.errorLines() + ",\"errorRate\":"
				+ this.stats.errorRate() + ",\"restarts\":" + this.stats.restarts() + "}";
	}

	/** Environment ids are label values: quotes and backslashes are possible, control characters are not. */
	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
