package io.envstream.gateway.ws;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Text frames written without any thread waiting on the client's socket: the container writes what
 * the socket takes and calls back once the frame is out, so a client that stops reading holds no
 * sender thread. The caller keeps one frame in flight per connection and sends the next after the
 * completion: frames stay in order, and Tomcat's pings and closes, which block, never wait behind
 * a text. A frame the client takes no bytes of for the send timeout fails.
 */
public final class NonBlockingSends {

	private static final Logger logger = LoggerFactory.getLogger(NonBlockingSends.class);

	/** Tomcat's per-session bound on a blocking send (its default is 20 s). */
	static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	/**
	 * A ping or a close is a few bytes: a socket that cannot take them within this long belongs to
	 * a client that is not reading, and a sender thread must not wait on it longer.
	 */
	static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(1);

	/** How a send started: out already (or failed at once), or its completion comes later. */
	public enum Sent { DONE, FAILED, PENDING }

	private NonBlockingSends() {
	}

	/**
	 * Bounds the session's sends: a text frame the client takes no bytes of for {@code sendTimeout}
	 * fails; a ping or a close waits at most {@link #CONTROL_TIMEOUT}.
	 */
	public static void bound(WebSocketSession session, Duration sendTimeout) {
		Session socket = nativeSession(session);
		socket.getAsyncRemote().setSendTimeout(sendTimeout.toMillis());
		socket.getUserProperties().put(BLOCKING_SEND_TIMEOUT, CONTROL_TIMEOUT.toMillis());
	}

	/**
	 * Starts writing {@code message}. When it cannot finish at once, {@code completion} is told later,
	 * on a container thread, whether it went out (it must hand its work to a thread of its own).
	 * @return DONE or FAILED when the outcome is known now ({@code completion} is then not called),
	 * PENDING when {@code completion} will be called
	 */
	public static Sent send(WebSocketSession session, TextMessage message, Consumer<Boolean> completion) {
		Completion handler = new Completion(session, completion);
		try {
			// the message's UTF-8 bytes: a frame the fan-out made once for every client is not encoded again per send
			Utf8TextFrames.send(nativeSession(session), message.asBytes(), handler);
		}
		catch (RuntimeException ex) {
			// a closed session refuses at once; that is the send's outcome, unless the handler ran already
			handler.onResult(new SendResult(ex));
		}
		return handler.returned();
	}

	private static Session nativeSession(WebSocketSession session) {
		WebSocketSession inner = WebSocketSessionDecorator.unwrap(session);
		Session socket = (inner instanceof NativeWebSocketSession nativeSession)
				? nativeSession.getNativeSession(Session.class) : null;
		if (socket != null) {
			return socket;
		}
		throw new IllegalStateException("not a Jakarta WebSocket session: " + inner.getClass().getName());
	}

	/**
	 * Tells the caller inline when the container completes the write before {@code sendText} returns,
	 * else calls the completion: whichever of the two comes second learns the outcome from the first.
	 */
	private static final class Completion implements SendHandler {

		private final WebSocketSession session;

		private final Consumer<Boolean> completion;

		private final AtomicBoolean raced = new AtomicBoolean();

		private volatile boolean ok;

		Completion(WebSocketSession session, Consumer<Boolean> completion) {
			this.session = session;
			this.completion = completion;
		}

		@Override
		public void onResult(SendResult result) {
			if (!result.isOK()) {
				logger.debug("send to {} failed: {}", this.session.getId(), String.valueOf(result.getException()));
			}
			this.ok = result.isOK();
			if (this.raced.getAndSet(true)) {
				this.completion.accept(this.ok);
			}
		}

		/** The caller's side: the outcome if the handler ran first, else PENDING (the handler will call on). */
		Sent returned() {
			if (this.raced.getAndSet(true)) {
				return this.ok ? Sent.DONE : Sent.FAILED;
			}
			return Sent.PENDING;
		}

	}

}
