package io.envstream.gateway.ws;

/**
 * The size of the buffers Tomcat's WebSocket gives every session when it opens, busy or idle: its
 * input buffer, an output buffer a server never writes through (it sends unmasked and unbatched),
 * and the buffer each text message is encoded into, one fragment at a time. At Tomcat's 8 KiB they
 * were 24 KiB of an idle logs connection's 59 KB of heap; at 2 KiB a message leaves in 2 KiB fragments
 * (a client still receives it whole), and client messages, small, are read in smaller pieces.
 */
public final class WebSocketBuffers {

	/** Read once by Tomcat, when its WebSocket classes load: only a system property can set it. */
	static final String PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	static final int DEFAULT_BYTES = 2048;

	private WebSocketBuffers() {
	}

	/**
	 * Sets the gateway's size unless the JVM was given one ({@code -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=…}
	 * wins). Called before any Tomcat of the JVM starts: one that started earlier fixed the size already.
	 */
	public static void useGatewayDefault() {
		System.getProperties().putIfAbsent(PROPERTY, Integer.toString(DEFAULT_BYTES));
	}

}
