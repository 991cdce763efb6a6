package io.envstream.gateway.status;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.envstream.gateway.ws.ClientMessageJson;
import tools.jackson.databind.JsonNode;

/**
 * A client → server message of the status endpoint:
 * {@code {"action":"subscribe"|"unsubscribe","topics":["status","metrics","alerts"]}}. Anything else is a
 * protocol violation, named in the {@link IllegalArgumentException} for the 1008 close.
 * @param subscribe {@code subscribe} (else {@code unsubscribe})
 * @param topics the topics named, at least one
 */
record TopicsRequest(boolean subscribe, Set<Topic> topics) {

	/** What a status connection can receive. */
	enum Topic {

		STATUS, METRICS, ALERTS;

		static Topic of(String name) {
			for (Topic topic : values()) {
				if (topic.name().toLowerCase(Locale.ROOT).equals(name)) {
					return topic;
				}
			}
			throw new IllegalArgumentException(
					"unknown topic \"" + ClientMessageJson.abbreviate(name) + "\" (status, metrics, alerts)");
		}

	}

	/** @throws IllegalArgumentException with the reason for the 1008 close */
	static TopicsRequest parse(String text) {
		JsonNode node = ClientMessageJson.parse(text);
		String action = node.get("action").asString();
		boolean subscribe = switch (action) {
			case "subscribe" -> true;
			case "unsubscribe" -> false;
			default -> throw new IllegalArgumentException(
					"unknown action \"" + ClientMessageJson.abbreviate(action) + "\" (subscribe, unsubscribe)");
		};
		ClientMessageJson.only(node, Set.of("action", "topics"));
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

}
