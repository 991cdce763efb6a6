package io.envstream.collector.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One shell and the gateway connection attached to it, if any. The output pump (one thread per
 * session) sends each read of the PTY as one {@code output} message, or keeps it for replay while
 * no connection is attached. State changes and sends happen under the session's lock, so a
 * reattaching client gets {@code ready} and the replay before any new output.
 */
final class ShellSession {

	private static final Logger logger = LoggerFactory.getLogger(ShellSession.class);

	private static final int READ_BUFFER = 64 * 1024;

	private final SessionInfo info;

	private final ShellProcess process;

	private final ReplayBuffer replay;

	private final AtomicLong bytesIn = new AtomicLong();

	private final AtomicLong bytesOut = new AtomicLong();

	private final Object lock = new Object();

	private WebSocketSession attached; // guarded by lock

	private boolean detachRequested; // guarded by lock

	private boolean ended; // guarded by lock

	private String endReason; // guarded by lock; null until the agent ends the session

	private ScheduledFuture<?> expiry; // guarded by lock

	private volatile long lastPongNanos = System.nanoTime();

	ShellSession(SessionInfo info, ShellProcess process, int replayCapacity) {
		this.info = info;
		this.process = process;
		this.replay = new ReplayBuffer(replayCapacity);
	}

	SessionInfo info() {
		return this.info;
	}

	String execId() {
		return this.process.execId();
	}

	long bytesIn() {
		return this.bytesIn.get();
	}

	long bytesOut() {
		return this.bytesOut.get();
	}

	/**
	 * Attaches the connection: {@code ready}, then what was printed while detached.
	 * @return {@code false} if the session ended or another connection is attached
	 */
	boolean attach(WebSocketSession connection) throws IOException {
		synchronized (this.lock) {
			if (this.ended || this.endReason != null || this.attached != null) {
				return false;
			}
			if (this.expiry != null) {
				this.expiry.cancel(false);
				this.expiry = null;
			}
			this.attached = connection;
			this.lastPongNanos = System.nanoTime();
			connection.sendMessage(new TextMessage(TerminalMessage.ready(this.info.sessionId())));
			for (String text : this.replay.drain()) {
				connection.sendMessage(new TextMessage(TerminalMessage.output(text)));
			}
			return true;
		}
	}

	boolean isAttached() {
		synchronized (this.lock) {
			return this.attached != null;
		}
	}

	void ponged() {
		this.lastPongNanos = System.nanoTime();
	}

	/**
	 * Pings the attached connection, or closes it when it has not answered for {@code timeout} or the ping cannot be
	 * sent: a gateway that died without closing its connection must not keep the shell forever.
	 * @return the connection that timed out or is gone (its close handshake may never finish), else {@code null}
	 */
	WebSocketSession heartbeat(Duration timeout) {
		synchronized (this.lock) {
			WebSocketSession connection = this.attached;
			if (connection == null || !connection.isOpen()) {
				return null;
			}
			try {
				if (this.process.inputHeld()) {
					// its pongs wait unread behind the input its shell has not read
					this.lastPongNanos = System.nanoTime();
				}
				if (System.nanoTime() - this.lastPongNanos > timeout.toNanos()) {
					connection.close(CloseStatus.NORMAL.withReason("heartbeat timeout"));
					return connection;
				}
				connection.sendMessage(new PingMessage());
			}
			catch (IOException ex) {
				// the gateway is gone, as a timeout would tell later (never while its input is held)
				logger.debug("Heartbeat of terminal session {} failed: {}", this.info.sessionId(), ex.getMessage());
				return connection;
			}
			catch (IllegalStateException ex) {
				logger.debug("Heartbeat of terminal session {} failed: {}", this.info.sessionId(), ex.getMessage());
			}
			return null;
		}
	}

	/** Input from {@code connection}, which is held while the shell does not read ({@link StdinPipe}). */
	void write(String data, WebSocketSession connection) {
		byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
		this.bytesIn.addAndGet(bytes.length);
		this.process.write(bytes, ReadingHold.of(connection));
	}

	void requestDetach() {
		synchronized (this.lock) {
			this.detachRequested = true;
		}
	}

	/**
	 * The connection closed. After a {@code detach} the shell keeps running and {@code expiry} is
	 * what ends it unless someone reattaches first.
	 * @return whether the session is now detached (else the caller ends it)
	 */
	boolean connectionClosed(WebSocketSession connection, ExpiryScheduler expiryScheduler) {
		synchronized (this.lock) {
			if (this.attached != connection) {
				return false;
			}
			this.attached = null;
			if (this.detachRequested && !this.ended && this.endReason == null) {
				this.detachRequested = false;
				this.expiry = expiryScheduler.schedule(this);
				return true;
			}
			return false;
		}
	}

	/** Marks the session as ended by the agent for {@code reason}; {@code false} if it already was. */
	boolean markEnding(String reason) {
		synchronized (this.lock) {
			if (this.ended || this.endReason != null) {
				return false;
			}
			this.endReason = reason;
			if (this.expiry != null) {
				this.expiry.cancel(false);
			}
			return true;
		}
	}

	/** Reads the PTY until the shell is gone; runs on the session's own thread. */
	void pump() {
		Utf8StreamDecoder decoder = new Utf8StreamDecoder();
		byte[] buffer = new byte[READ_BUFFER];
		try (InputStream output = this.process.output()) {
			int read;
			while ((read = output.read(buffer)) >= 0) {
				if (read > 0) {
					this.bytesOut.addAndGet(read);
					deliver(decoder.decode(buffer, read));
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Output of terminal session {} ended: {}", this.info.sessionId(), ex.getMessage());
		}
		deliver(decoder.finish());
	}

	/**
	 * The shell is gone: tells the attached client its exit code and closes with 1000.
	 * @return why the session ended: the agent's reason, else {@code exited}
	 */
	String finish(Integer exitCode) {
		synchronized (this.lock) {
			this.ended = true;
			this.process.close();
			WebSocketSession connection = this.attached;
			this.attached = null;
			if (connection != null && connection.isOpen()) {
				try {
					if (exitCode != null) {
						connection.sendMessage(new TextMessage(TerminalMessage.exit(exitCode)));
						connection.close(CloseStatus.NORMAL.withReason("shell exited"));
					}
					else {
						connection.close(CloseStatus.NORMAL.withReason("shell ended, exit code unknown"));
					}
				}
				catch (IOException ex) {
					logger.debug("Could not tell terminal session {} its end: {}", this.info.sessionId(),
							ex.getMessage());
				}
			}
			return (this.endReason != null) ? this.endReason : "exited";
		}
	}

	/** Drops the engine connection without waiting for the shell (when it cannot be swept). */
	void abandon() {
		this.process.close();
	}

	private void deliver(String text) {
		if (text.isEmpty()) {
			return;
		}
		synchronized (this.lock) {
			if (this.attached == null) {
				this.replay.append(text);
				return;
			}
			try {
				this.attached.sendMessage(new TextMessage(TerminalMessage.output(text)));
			}
			catch (IOException | IllegalStateException ex) {
				// the connection is going away; its close decides what happens to the session
				this.replay.append(text);
			}
		}
	}

	/** Schedules the end of a detached session after the grace period. */
	interface ExpiryScheduler {

		ScheduledFuture<?> schedule(ShellSession session);

	}

}
