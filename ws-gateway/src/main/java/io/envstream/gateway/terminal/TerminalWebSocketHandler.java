package io.envstream.gateway.terminal;

import io.envstream.gateway.ws.JoiningTextWebSocketHandler;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/** {@code /api/v1/ws/environments/{id}/terminal}: delegates to {@link TerminalService}. */
class TerminalWebSocketHandler extends JoiningTextWebSocketHandler {

	private final TerminalService service;

	TerminalWebSocketHandler(TerminalService service, long maxMessageBytes) {
		super(maxMessageBytes);
		this.service = service;
	}

	@Override
	protected void opened(WebSocketSession session) {
		this.service.open(session);
	}

	@Override
	protected CloseStatus received(WebSocketSession session, String text) {
		return this.service.message(session, text);
	}

	@Override
	protected void ponged(WebSocketSession session) {
		this.service.pong(session);
	}

	@Override
	protected void closed(WebSocketSession session, CloseStatus status) {
		this.service.closed(session, status);
	}

}
