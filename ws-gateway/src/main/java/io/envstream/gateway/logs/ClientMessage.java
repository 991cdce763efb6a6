package io.envstream.gateway.logs;

import java.util.Set;

import io.envstream.gateway.ws.ClientMessageJson;
import tools.jackson.databind.JsonNode;

/** A client → server message of the logs endpoint; anything else is a protocol violation. */
sealed interface ClientMessage {

	record Pause() implements ClientMessage {
	}

	/** @param fromLive skip to the live tail */
	record Resume(boolean fromLive) implements ClientMessage {
	}

	/** @param stream new stream filter value or {@code null} to keep; @param grep new regex, "" removes, null keeps */
	record Filter(String stream, String grep) implements ClientMessage {

		/** The filter with this message's changes; @throws IllegalArgumentException for a refused regex */
		LineFilter applyTo(LineFilter filter, int grepMaxChars) {
			LineFilter changed = (this.stream == null) ? filter : filter.withStream(LogsParameters.stream(this.stream));
			if (this.grep == null) {
				return changed;
			}
			return changed.withGrep(this.grep.isEmpty() ? null : GrepPattern.compile(this.grep, grepMaxChars));
		}

	}

	/**
	 * Moves a replay; the value is checked by {@link ReplayTarget}, so a bad one gets an {@code error} and keeps
	 * the connection. @param since a time, or null; @param resume a cursor, or null (exactly one is set)
	 */
	record Seek(String since, String resume) implements ClientMessage {
	}

	/** Changes a replay's pace; @param speed a number or {@code "max"}, checked by {@link ReplaySpeed#parse} */
	record Speed(String speed) implements ClientMessage {
	}

	/** @throws IllegalArgumentException with a reason for the 1008 close */
	static ClientMessage parse(String text) {
		JsonNode node = ClientMessageJson.parse(text);
		String action = node.get("action").asString();
		switch (action) {
			case "pause" -> {
				ClientMessageJson.only(node, Set.of("action"));
				return new Pause();
			}
			case "resume" -> {
				ClientMessageJson.only(node, Set.of("action", "from"));
				JsonNode from = node.get("from");
				if (from != null && !(from.isString() && from.asString().equals("live"))) {
					throw new IllegalArgumentException("resume from must be \"live\"");
				}
				return new Resume(from != null);
			}
			case "filter" -> {
				ClientMessageJson.only(node, Set.of("action", "stream", "grep"));
				JsonNode stream = node.get("stream");
				JsonNode grep = node.get("grep");
				if (stream == null && grep == null) {
					throw new IllegalArgumentException("filter needs stream or grep");
				}
				if ((stream != null && !stream.isString()) || (grep != null && !grep.isString())) {
					throw new IllegalArgumentException("filter values must be strings");
				}
				String streamValue = (stream == null) ? null : stream.asString();
				if (streamValue != null) {
					LogsParameters.stream(streamValue);
				}
				return new Filter(streamValue, (grep == null) ? null : grep.asString());
			}
			case "seek" -> {
				ClientMessageJson.only(node, Set.of("action", "since", "resume"));
				JsonNode since = node.get("since");
				JsonNode resume = node.get("resume");
				if ((since == null) == (resume == null)) {
					throw new IllegalArgumentException("seek needs since or resume");
				}
				if ((since != null && !since.isString()) || (resume != null && !resume.isString())) {
					throw new IllegalArgumentException("seek values must be strings");
				}
				return new Seek((since == null) ? null : since.asString(), (resume == null) ? null : resume.asString());
			}
			case "speed" -> {
				ClientMessageJson.only(node, Set.of("action", "speed"));
				JsonNode speed = node.get("speed");
				if (speed == null || !(speed.isNumber() || speed.isString())) {
					throw new IllegalArgumentException("speed needs a number or \"max\"");
				}
				return new Speed(speed.isNumber() ? Double.toString(speed.asDouble()) : speed.asString());
			}
			default -> throw new IllegalArgumentException("unknown action \"" + ClientMessageJson.abbreviate(action)
					+ "\" (pause, resume, filter, seek, speed)");
		}
	}

}
