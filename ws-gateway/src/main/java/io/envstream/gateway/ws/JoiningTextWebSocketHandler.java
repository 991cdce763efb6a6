package io.envstream.gateway.ws;

import java.util.List;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The handler of every environment endpoint, calling its {@link Endpoint}. Client messages arrive in fragments of the
 * container's small buffer and are joined here up to {@code max-message-size} (over it: 1009), so
 * an idle connection does not hold a buffer of the largest message size. Binary messages are not
 * part of the protocol (1008).
 */
final class JoiningTextWebSocketHandler extends TextWebSocketHandler implements SubProtocolCapable {

	/** The protocol's subprotocol name, offered next to {@code bearer.<JWT>}. */
	public static final String SUBPROTOCOL = "envstream.v1";

	private static final String PARTIAL = JoiningTextWebSocketHandler.class.getName() + ".partial";

	private final Endpoint endpoint;

	private final long maxMessageBytes;

	JoiningTextWebSocketHandler(Endpoint endpoint, long maxMessageBytes) {
		this.endpoint = endpoint;
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
		this.endpoint.open(session);
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
		CloseStatus violation = this.endpoint.message(session, text);
		if (violation != null) {
			session.close(violation);
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		SessionSends.closeQuietly(session, new CloseStatus(1008, "binary messages are not part of the protocol"));
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) {
		this.endpoint.pong(session);
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
		if (session.isOpen()) {
			session.close(CloseStatus.SERVER_ERROR.withReason("transport error"));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.endpoint.closed(session, status);
	}

	private static final class Partial {

		final StringBuilder text = new StringBuilder();

		long bytes;

	}

}
