package io.envstream.gateway.status;

import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client → server message of the status endpoint:
 * {@code {"action":"subscribe"|"unsubscribe","topics":["status","metrics"]}}. Anything else is a
 * protocol violation, named in the {@link IllegalArgumentException} for the 1008 close.
 * @param subscribe {@code subscribe} (else {@code unsubscribe})
 * @param topics the topics named, at least one
 */
record TopicsRequest(boolean subscribe, Set<Topic> topics) {

	/** What a status connection can receive. */
	enum Topic {

		STATUS, METRICS;

		static Topic of(String name) {
			for (Topic topic : values()) {
				if (topic.name().toLowerCase(Locale.ROOT).equals(name)) {
					return topic;
				}
			}
			throw new IllegalArgumentException("unknown topic \"" + abbreviate(name) + "\" (status, metrics)");
		}

	}

	private static final JsonMapper mapper = JsonMapper.builder().build();

	/** @throws IllegalArgumentException with the reason for the 1008 close */
	static TopicsRequest parse(String text) {
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
		boolean subscribe = switch (action) {
			case "subscribe" -> true;
			case "unsubscribe" -> false;
			default -> throw new IllegalArgumentException(
					"unknown action \"" + abbreviate(action) + "\" (subscribe, unsubscribe)");
		};
		for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext();) {
			String name = names.next();
			if (!name.equals("action") && !name.equals("topics")) {
				throw new IllegalArgumentException("unknown field \"" + abbreviate(name) + "\" in " + action);
			}
		}
		JsonNode topics = node.get("topics");
		if (topics == null || !topics.isArray() || topics.isEmpty()) {
			throw new IllegalArgumentException(action + " needs a non-empty topics array");
		}
		Set<Topic> named = EnumSet.noneOf(Topic.class);
		for (JsonNode topic : topics) {
			if (!topic.isString()) {
				throw new IllegalArgumentException("topics must be strings");
			}
			if (!named.add(Topic.of(topic.asString()))) {
				throw new IllegalArgumentException("topic \"" + topic.asString() + "\" named twice");
			}
		}
		return new TopicsRequest(subscribe, named);
	}

	/** Client text in a close reason, which must stay under 123 bytes. */
	private static String abbreviate(String text) {
		return (text.length() <= 20) ? text : text.substring(0, 20) + "…";
	}

}
