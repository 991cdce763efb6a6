package io.envstream.processor.topology;

import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Copies the level and the application's own timestamp of a JSON log line into the entry's metadata, leaving the
 * line itself untouched. Only top-level fields are read, and reading stops once both are found; a line that is
 * not a JSON object adds nothing.
 */
final class JsonFields {

	static final String LEVEL = "level";

	static final String APP_TIMESTAMP = "appTimestamp";

	private static final JsonFactory JSON = new JsonFactory();

	private JsonFields() {
	}

	static void extract(String message, Map<String, String> metadata) {
		if (!looksLikeObject(message)) {
			return;
		}
		String level = null;
		String timestamp = null;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), message)) {
			parser.nextToken();
			String name;
			while ((level == null || timestamp == null) && (name = parser.nextName()) != null) {
				JsonToken value = parser.nextToken();
				if (value.isScalarValue()) {
					String text = parser.getString();
					if (level == null && isLevel(name)) {
						level = text.trim().toLowerCase(Locale.ROOT);
					}
					else if (timestamp == null && isTimestamp(name)) {
						timestamp = text;
					}
				}
				else {
					parser.skipChildren();
				}
			}
		}
		catch (JacksonException ex) {
			// not JSON after all: the fields found before the error are still right
		}
		if (level != null && !level.isEmpty()) {
			metadata.put(LEVEL, level);
		}
		if (timestamp != null) {
			metadata.put(APP_TIMESTAMP, timestamp);
		}
	}

	private static boolean looksLikeObject(String message) {
		for (int i = 0; i < message.length(); i++) {
			char c = message.charAt(i);
			if (!Character.isWhitespace(c)) {
				return c == '{';
			}
		}
		return false;
	}

	private static boolean isLevel(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "level", "severity", "lvl", "loglevel", "log.level" -> true;
			default -> false;
		};
	}

	private static boolean isTimestamp(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "timestamp", "time", "ts", "@timestamp" -> true;
			default -> false;
		};
	}

}
