package io.envstream.gateway.logs;

import java.util.Iterator;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client → server message of the logs endpoint; anything else is a protocol violation. */
sealed interface ClientMessage {

	record Pause() implements ClientMessage {
	}

	/** @param fromLive skip to the live tail */
	record Resume(boolean fromLive) implements ClientMessage {
	}

	/** @param stream new stream filter value or {@code null} to keep; @param grep new regex, "" removes, null keeps */
	record Filter(String stream, String grep) implements ClientMessage {
	}

	JsonMapper mapper = JsonMapper.builder().build();

	/** @throws IllegalArgumentException with a reason for the 1008 close */
	static ClientMessage parse(String text) {
		JsonNode node;
		try {
			node = mapper.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("unparseable message");
		}
		if (node == null || !node.isObject() || !node.path("action").isString()) {
			throw new IllegalArgumentException("message without an action");
		}
		String action = node.get("action").asString();
		switch (action) {
			case "pause" -> {
				only(node, Set.of("action"));
				return new Pause();
			}
			case "resume" -> {
				only(node, Set.of("action", "from"));
				JsonNode from = node.get("from");
				if (from != null && !(from.isString() && from.asString().equals("live"))) {
					throw new IllegalArgumentException("resume from must be \"live\"");
				}
				return new Resume(from != null);
			}
			case "filter" -> {
				only(node, Set.of("action", "stream", "grep"));
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
					LineFilter.stream(streamValue);
				}
				return new Filter(streamValue, (grep == null) ? null : grep.asString());
			}
			default -> throw new IllegalArgumentException("unknown action");
		}
	}

	private static void only(JsonNode node, Set<String> allowed) {
		for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext();) {
			if (!allowed.contains(names.next())) {
				throw new IllegalArgumentException("unknown field in message");
			}
		}
	}

}
