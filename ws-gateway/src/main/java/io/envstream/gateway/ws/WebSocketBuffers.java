package io.envstream.gateway.ws;

/**
 * The size of the buffers Tomcat's WebSocket gives every session when it opens, busy or idle: its
 * input buffer, an output buffer a server never writes through (it sends unmasked and unbatched),
 * and the buffer each text message is encoded into, one fragment at a time. Tomcat's 8 KiB made
 * three quarters of an idle logs connection's own heap; at 2 KiB a message leaves in 2 KiB fragments
 * (a client still receives it whole) and the input is read 2 KiB at a time (client messages are small).
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
