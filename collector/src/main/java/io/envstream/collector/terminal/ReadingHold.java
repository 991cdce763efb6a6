package io.envstream.collector.terminal;

import org.apache.tomcat.websocket.WsSession;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Stops and restarts the reading of a connection's messages, without a thread waiting: how a gateway whose shell
 * does not read its input is held back.
 */
interface ReadingHold {

	void hold();

	void release();

	/**
	 * The hold of a connection Tomcat serves (the agent's server): Tomcat reads no further frame of a held connection,
	 * so TCP's window holds back the sender. Two holds of one connection are equal: Tomcat does not count suspensions.
	 */
	static ReadingHold of(WebSocketSession connection) {
		WebSocketSession undecorated = WebSocketSessionDecorator.unwrap(connection);
		WsSession tomcat = (undecorated instanceof NativeWebSocketSession nativeSession)
				? nativeSession.getNativeSession(WsSession.class) : null;
		if (tomcat == null) {
			throw new IllegalStateException("terminal connections are served by Tomcat, not " + undecorated.getClass());
		}
		return new TomcatHold(tomcat);
	}

	/** Suspends and resumes the reading of a Tomcat WebSocket session. */
	record TomcatHold(WsSession session) implements ReadingHold {

		@Override
		public void hold() {
			this.session.suspend();
		}

		@Override
		public void release() {
			this.session.resume();
		}

	}

}
