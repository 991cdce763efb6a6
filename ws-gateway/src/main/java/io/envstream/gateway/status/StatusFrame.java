package io.envstream.gateway.status;

import org.springframework.web.socket.CloseStatus;

/**
 * A frame for the client: a JSON message, a ping or a close.
 * @param json the message, or {@code null}
 * @param timestampMillis when the message's state or sample was taken, for the latency metric (0: not a change)
 * @param metrics whether the message is a {@code metrics} sample (replaceable while unsent)
 * @param close a close to send, or {@code null}
 */
record StatusFrame(String json, long timestampMillis, boolean metrics, CloseStatus close) {

	static final StatusFrame PING = new StatusFrame(null, 0, false, null);

	boolean ping() {
		return this.json == null && this.close == null;
	}

}
