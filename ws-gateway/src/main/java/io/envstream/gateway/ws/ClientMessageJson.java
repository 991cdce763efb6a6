package io.envstream.gateway.ws;

import java.util.Iterator;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a client message as every endpoint's are written: a JSON object with a string
 * {@code action} and only the fields that action allows. What is wrong is named in the
 * {@link IllegalArgumentException}, which becomes the reason of the 1008 close, so client text in
 * it is cut short (a close reason holds 123 bytes).
 */
public final class ClientMessageJson {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private ClientMessageJson() {
	}

	/**
	 * @return the message, an object whose {@code action} is a string
	 * @throws IllegalArgumentException when it is not JSON, not an object or has no string action
	 */
	public static JsonNode parse(String text) {
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
		return node;
	}

	/** @throws IllegalArgumentException naming the first field of {@code node} not in {@code allowed} */
	public static void only(JsonNode node, Set<String> allowed) {
		for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext();) {
			String name = names.next();
			if (!allowed.contains(name)) {
				throw new IllegalArgumentException("unknown field \"" + abbreviate(name) + "\" in message");
			}
		}
	}

	/** Client text for a close reason: at most 20 characters. */
	public static String abbreviate(String text) {
		return (text.length() <= 20) ? text : text.substring(0, 20) + "…";
	}

}
