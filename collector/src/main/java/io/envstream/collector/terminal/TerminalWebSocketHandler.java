package io.envstream.collector.terminal;

import java.io.IOException;

import io.envstream.schemas.terminal.AgentToken;
import io.envstream.schemas.terminal.InvalidAgentTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@value #PATH}: the internal endpoint only a gateway can open. The gateway's signed
 * {@link AgentToken} comes as {@code Authorization: Bearer <token>}; without a valid one (this
 * host's key and audience, unexpired, unused) the connection closes with 4401 and the reason.
 * Then it speaks the public terminal messages.
 */
class TerminalWebSocketHandler extends TextWebSocketHandler {

	static final String PATH = "/internal/terminal";

	static final CloseStatus DISABLED = CloseStatus.SERVER_ERROR
		.withReason("terminal sessions are disabled: no agent key configured");

	private static final Logger logger = LoggerFactory.getLogger(TerminalWebSocketHandler.class);

	private static final String BEARER = "Bearer ";

	private final AgentTokenCheck tokens;

	private final TerminalSessions sessions;

	/** @param tokens the check, or {@code null} when no key is configured */
	TerminalWebSocketHandler(AgentTokenCheck tokens, TerminalSessions sessions) {
		this.tokens = tokens;
		this.sessions = sessions;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession connection) throws Exception {
		if (this.tokens == null) {
			connection.close(DISABLED);
			return;
		}
		AgentToken token;
		try {
			token = this.tokens.verify(bearer(connection.getHandshakeHeaders()), System.currentTimeMillis());
		}
		catch (InvalidAgentTokenException ex) {
			logger.warn("Terminal connection from {} refused: {}", connection.getRemoteAddress(), ex.getMessage());
			connection.close(new CloseStatus(4401, ex.getMessage()));
			return;
		}
		CloseStatus refusal = this.sessions.open(connection, token);
		if (refusal != null) {
			connection.close(refusal);
		}
	}

	@Override
	protected void handleTextMessage(WebSocketSession connection, TextMessage message) throws Exception {
		CloseStatus violation = this.sessions.message(connection, message.getPayload());
		if (violation != null) {
			connection.close(violation);
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession connection, BinaryMessage message) {
		try {
			connection.close(CloseStatus.POLICY_VIOLATION.withReason("binary messages are not part of the protocol"));
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	protected void handlePongMessage(WebSocketSession connection, PongMessage message) {
		this.sessions.ponged(connection);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession connection, CloseStatus status) {
		this.sessions.closed(connection);
	}

	private static String bearer(HttpHeaders headers) {
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		return (authorization != null && authorization.startsWith(BEARER)) ? authorization.substring(BEARER.length())
				: null;
	}

}
