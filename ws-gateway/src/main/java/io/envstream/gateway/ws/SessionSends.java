package io.envstream.gateway.ws;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/** What every endpoint sends to a session: one queued frame (a close, a ping or a text message), or a close. */
public final class SessionSends {

	private static final Logger logger = LoggerFactory.getLogger(SessionSends.class);

	/** The close of a session whose frame could not be sent. */
	public static final CloseStatus SEND_FAILED = CloseStatus.SERVER_ERROR.withReason("send failed");

	private SessionSends() {
	}

	/**
	 * Performs {@code close} if there is one, else a ping if {@code ping}, else sends {@code json} (if any).
	 * @return false if that failed: the session is then closed with 1011 "send failed"
	 */
	public static boolean send(WebSocketSession session, CloseStatus close, boolean ping, String json) {
		return send(session, close, ping, (json != null) ? new TextMessage(json) : null);
	}

	/**
	 * As {@link #send(WebSocketSession, CloseStatus, boolean, String)}, with a message made once and
	 * sent to many sessions.
	 */
	public static boolean send(WebSocketSession session, CloseStatus close, boolean ping, TextMessage message) {
		try {
			if (close != null) {
				session.close(close);
			}
			else if (ping) {
				session.sendMessage(new PingMessage());
			}
			else if (message != null) {
				session.sendMessage(message);
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("send to {} failed: {}", session.getId(), ex.getMessage());
			closeQuietly(session, SEND_FAILED);
			return false;
		}
	}

	/** Closes, ignoring a connection that is already gone. */
	public static void closeQuietly(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			// already gone
		}
	}

}
