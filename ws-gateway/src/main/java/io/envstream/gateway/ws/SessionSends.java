package io.envstream.gateway.ws;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/** How a sender pool sends one queued frame: a close, a ping or a text message. */
public final class SessionSends {

	private static final Logger logger = LoggerFactory.getLogger(SessionSends.class);

	private static final CloseStatus SEND_FAILED = CloseStatus.SERVER_ERROR.withReason("send failed");

	private SessionSends() {
	}

	/**
	 * Performs {@code close} if there is one, else a ping if {@code ping}, else sends {@code json}.
	 * @return false if that failed: the session is then closed with 1011 "send failed"
	 */
	public static boolean send(WebSocketSession session, CloseStatus close, boolean ping, String json) {
		try {
			if (close != null) {
				session.close(close);
			}
			else if (ping) {
				session.sendMessage(new PingMessage());
			}
			else if (json != null) {
				session.sendMessage(new TextMessage(json));
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("send to {} failed: {}", session.getId(), ex.getMessage());
			JoiningTextWebSocketHandler.closeQuietly(session, SEND_FAILED);
			return false;
		}
	}

}
