package io.envstream.gateway.logs;

import java.util.List;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** {@code /api/v1/ws/environments/{id}/logs}: parses and delegates to {@link LogsService}. */
class LogsWebSocketHandler extends TextWebSocketHandler implements SubProtocolCapable {

	static final String SUBPROTOCOL = "envstream.v1";

	private final LogsService service;

	LogsWebSocketHandler(LogsService service) {
		this.service = service;
	}

	@Override
	public List<String> getSubProtocols() {
		return List.of(SUBPROTOCOL);
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.service.open(session);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		CloseStatus violation = this.service.message(session, message.getPayload());
		if (violation != null) {
			session.close(violation);
		}
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) {
		this.service.pong(session);
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
		if (session.isOpen()) {
			session.close(CloseStatus.SERVER_ERROR.withReason("transport error"));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.service.closed(session, status);
	}

}
