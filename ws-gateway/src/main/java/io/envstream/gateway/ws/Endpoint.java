package io.envstream.gateway.ws;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * What an environment endpoint does with its connections. {@link WebSocketConfiguration}
 * registers every such bean at {@code /api/v1/ws/environments/{id}/<name>}, behind a
 * {@link JoiningTextWebSocketHandler}.
 */
interface Endpoint {

	/** The last segment of the endpoint's path. */
	String name();

	/** The connection is upgraded: run the admission checks and start. */
	void open(WebSocketSession session);

	/** A whole client message; returns a close status for a protocol violation, else {@code null}. */
	CloseStatus message(WebSocketSession session, String text);

	/** The client answered a ping. */
	void pong(WebSocketSession session);

	/** The connection is gone, whoever closed it: release what it held. */
	void closed(WebSocketSession session, CloseStatus status);

}
