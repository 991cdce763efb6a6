package io.envstream.gateway.ws;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsRemoteEndpointBase;
import org.apache.tomcat.websocket.WsRemoteEndpointImplBase;

/**
 * Writes a text frame from bytes already encoded in UTF-8, through Tomcat's own frame writer. The
 * Jakarta API takes a text only as a String, which Tomcat encodes again for every send, a char at a
 * time (its encoder's path for a String) into 8 KiB fragments. The fan-out's frames are the same for
 * every client of a filter, and that encoding was half of the gateway's CPU with 100 clients at 1k
 * lines/s (JFR: {@code Utf8Encoder.encodeNotHasArray} under the container's threads). Here the bytes
 * are encoded once per frame, and each send writes them whole as one frame, through the same path as
 * {@code sendText}: the session's write queue, its send timeout, its extensions. The writer is
 * package-private in Tomcat; it is looked up once, and a Tomcat without it stops the gateway at start-up
 * with a message saying so ({@link #requireWriter}).
 */
final class Utf8TextFrames {

	private static final byte OPCODE_TEXT = 0x1;

	private static final MethodHandle START_MESSAGE;

	private static final MethodHandle ENDPOINT_OF_REMOTE;

	static {
		try {
			START_MESSAGE = MethodHandles.privateLookupIn(WsRemoteEndpointImplBase.class, MethodHandles.lookup())
				.findVirtual(WsRemoteEndpointImplBase.class, "startMessage", MethodType.methodType(void.class,
						byte.class, ByteBuffer.class, boolean.class, SendHandler.class));
			ENDPOINT_OF_REMOTE = MethodHandles.privateLookupIn(WsRemoteEndpointBase.class, MethodHandles.lookup())
				.findGetter(WsRemoteEndpointBase.class, "base", WsRemoteEndpointImplBase.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError("Tomcat's WebSocket frame writer is not where the gateway looks for "
					+ "it (WsRemoteEndpointImplBase.startMessage, tomcat-embed-websocket 11): " + ex);
		}
	}

	private Utf8TextFrames() {
	}

	/**
	 * Looks the writer up now, when the endpoints are registered, rather than at the first send: the class's
	 * initialization does, and fails with a message naming what it did not find.
	 */
	static void requireWriter() {
		// nothing more: calling it initializes the class
	}

	/** Starts writing {@code utf8} as one text frame; {@code handler} hears when it is out, as with sendText. */
	static void send(Session session, byte[] utf8, SendHandler handler) {
		try {
			WsRemoteEndpointImplBase endpoint = (WsRemoteEndpointImplBase) ENDPOINT_OF_REMOTE
				.invoke((WsRemoteEndpointBase) session.getAsyncRemote());
			START_MESSAGE.invoke(endpoint, OPCODE_TEXT, ByteBuffer.wrap(utf8), true, handler);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("writing a text frame failed", ex);
		}
	}

}
