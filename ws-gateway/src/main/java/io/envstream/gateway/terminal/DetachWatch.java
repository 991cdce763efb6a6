package io.envstream.gateway.terminal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway learns, from the messages it relays unchanged, about whether a connection's
 * session stays alive detached at the agent when the connection closes: its id (from
 * {@code ready}), a {@code detach} that reached the agent (the client's, or the gateway's own on
 * shutdown or token expiry), and no end ({@code exit}, or the agent's close of an ended shell). Only a
 * message that can be one of those is parsed, so keystrokes and output cost a prefix test.
 */
final class DetachWatch {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	// the agent writes "type" first (TerminalMessage in the collector)
	private static final String READY_PREFIX = "{\"type\":\"ready\"";

	private static final String EXIT_PREFIX = "{\"type\":\"exit\"";

	private volatile String sessionId;

	private volatile boolean detachDelivered;

	private volatile boolean ended;

	/** A client (or gateway) message the agent accepted. */
	void toAgent(String text) {
		if (text.length() < 64 && text.contains("detach") && isDetach(text)) {
			this.detachDelivered = true;
		}
	}

	/** A message of the agent, before it goes to the client. */
	void fromAgent(String text) {
		if (this.sessionId == null && text.startsWith(READY_PREFIX)) {
			this.sessionId = session(text);
		}
		else if (text.startsWith(EXIT_PREFIX)) {
			this.ended = true;
		}
	}

	/**
	 * The agent closed its side. Only the close of an ended shell means the session is gone: after a
	 * {@code detach}, any other close (a heartbeat timeout, a bad message) leaves it detached.
	 */
	void agentClosed(int code, String reason) {
		if (code == 1000 && reason != null && reason.startsWith("shell ")) {
			this.ended = true;
		}
	}

	/** The session left detached at the agent once the client's connection closed, or {@code null}. */
	String detachedSession() {
		return (this.detachDelivered && !this.ended) ? this.sessionId : null;
	}

	/** As strict as the agent: an object with {@code "type":"detach"} and nothing else. */
	private static boolean isDetach(String text) {
		try {
			JsonNode node = mapper.readTree(text);
			return node != null && node.isObject() && node.size() == 1 && "detach".equals(node.path("type").asString(""));
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private static String session(String text) {
		try {
			JsonNode node = mapper.readTree(text);
			return node.path("session").isString() ? node.get("session").asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
