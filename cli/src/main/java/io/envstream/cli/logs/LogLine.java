package io.envstream.cli.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** One line as a logs connection delivered it ({@code log}, or an entry of a {@code batch}), and its environment. */
record LogLine(String environment, String timestamp, Instant time, String stream, String message, String cursor,
		long seq, String host) {

	static LogLine of(String environment, JsonNode log) {
		String timestamp = log.path("timestamp").asText();
		JsonNode meta = log.path("meta");
		return new LogLine(environment, timestamp, instant(timestamp), log.path("stream").asText(),
				log.path("message").asText(), meta.path("cursor").asText(), meta.path("seq").asLong(-1),
				meta.path("host").asText(null));
	}

	private static Instant instant(String timestamp) {
		try {
			return Instant.parse(timestamp);
		}
		catch (DateTimeParseException ex) {
			return Instant.EPOCH;
		}
	}

}
