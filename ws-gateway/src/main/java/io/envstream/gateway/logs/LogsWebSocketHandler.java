package io.envstream.gateway.logs;

import java.util.List;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /api/v1/ws/environments/{id}/logs}: parses and delegates to {@link LogsService}. Client
 * messages arrive in fragments of the container's small buffer and are joined here up to
 * {@code max-message-size} (over it: 1009), so an idle connection does not hold a buffer of the
 * largest message size.
 */
class LogsWebSocketHandler extends TextWebSocketHandler implements SubProtocolCapable {

	static final String SUBPROTOCOL = "envstream.v1";

	private static final String PARTIAL = LogsWebSocketHandler.class.getName() + ".partial";

	private final LogsService service;

	private final long maxMessageBytes;

	LogsWebSocketHandler(LogsService service, long maxMessageBytes) {
		this.service = service;
		this.maxMessageBytes = maxMessageBytes;
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
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
		Partial partial = (Partial) session.getAttributes().get(PARTIAL);
		if (partial == null && !message.isLast()) {
			partial = new Partial();
			session.getAttributes().put(PARTIAL, partial);
		}
		String text = message.getPayload();
		if (partial != null) {
			partial.text.append(text);
			partial.bytes += message.getPayloadLength();
			if (partial.bytes > this.maxMessageBytes) {
				session.getAttributes().remove(PARTIAL);
				session.close(new CloseStatus(1009, "message over " + this.maxMessageBytes + " bytes"));
				return;
			}
			if (!message.isLast()) {
				return;
			}
			session.getAttributes().remove(PARTIAL);
			text = partial.text.toString();
		}
		else if (message.getPayloadLength() > this.maxMessageBytes) {
			session.close(new CloseStatus(1009, "message over " + this.maxMessageBytes + " bytes"));
			return;
		}
		CloseStatus violation = this.service.message(session, text);
		if (violation != null) {
			session.close(violation);
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		Outbox.closeQuietly(session, new CloseStatus(1008, "binary messages are not part of the protocol"));
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

	private static final class Partial {

		final StringBuilder text = new StringBuilder();

		long bytes;

	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.service.closed(session, status);
	}

}
