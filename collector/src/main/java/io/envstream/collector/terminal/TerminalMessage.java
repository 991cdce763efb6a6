package io.envstream.collector.terminal;

import java.util.Iterator;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The terminal messages of the public protocol, which the gateway relays unchanged: {@code input},
 * {@code resize} and {@code detach} from the client; {@code ready}, {@code output} and {@code exit}
 * to it. Anything else is a protocol violation (1008).
 */
sealed interface TerminalMessage {

	JsonMapper MAPPER = JsonMapper.builder().build();

	/** @param data keystrokes, written to the PTY as UTF-8 */
	record Input(String data) implements TerminalMessage {
	}

	record Resize(int cols, int rows) implements TerminalMessage {
	}

	record Detach() implements TerminalMessage {
	}

	/** @throws IllegalArgumentException with a reason for the 1008 close */
	static TerminalMessage parse(String text) {
		JsonNode node;
		try {
			node = MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("unparseable message");
		}
		if (node == null || !node.isObject() || !node.path("type").isString()) {
			throw new IllegalArgumentException("message without a type");
		}
		switch (node.get("type").asString()) {
			case "input" -> {
				only(node, Set.of("type", "data"));
				if (!node.path("data").isString()) {
					throw new IllegalArgumentException("input data must be a string");
				}
				return new Input(node.get("data").asString());
			}
			case "resize" -> {
				only(node, Set.of("type", "cols", "rows"));
				return new Resize(dimension(node, "cols"), dimension(node, "rows"));
			}
			case "detach" -> {
				only(node, Set.of("type"));
				return new Detach();
			}
			default -> throw new IllegalArgumentException("unknown message type");
		}
	}

	static String ready(String session) {
		return MAPPER.writeValueAsString(MAPPER.createObjectNode().put("type", "ready").put("session", session));
	}

	static String output(String data) {
		ObjectNode node = MAPPER.createObjectNode().put("type", "output").put("data", data);
		return MAPPER.writeValueAsString(node);
	}

	static String exit(int code) {
		return MAPPER.writeValueAsString(MAPPER.createObjectNode().put("type", "exit").put("code", code));
	}

	private static int dimension(JsonNode node, String name) {
		JsonNode value = node.get(name);
		if (value == null || !value.isInt() || value.asInt() < 1 || value.asInt() > 65535) {
			throw new IllegalArgumentException(name + " must be an integer within 1..65535");
		}
		return value.asInt();
	}

	private static void only(JsonNode node, Set<String> allowed) {
		for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext();) {
			if (!allowed.contains(names.next())) {
				throw new IllegalArgumentException("unknown field in message");
			}
		}
	}

}
