package io.envstream.gateway.terminal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.envstream.gateway.ws.EndpointMetrics;
import io.envstream.gateway.ws.Reconnection;
import io.envstream.gateway.ws.SessionSends;
import org.apache.tomcat.websocket.WsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * One client connection and its agent connection. Messages pass unchanged both ways, each as soon as it is
 * whole: the agent sends one {@code output} per PTY read and the relay adds no batching. A message is sent to
 * the client before the next one is read from the agent, so a slow client holds back the agent and, through
 * it, the shell, instead of filling memory. The other way, a client message that waits to be sent (the agent holds
 * this gateway back while its shell does not read) stops the reading of the client's connection until it is sent:
 * the client waits, and no thread does.
 */
final class AgentRelay implements WebSocket.Listener {

	static final CloseStatus AGENT_UNREACHABLE = CloseStatus.SERVER_ERROR.withReason("terminal agent unreachable");

	static final CloseStatus AGENT_LOST = CloseStatus.SERVER_ERROR.withReason("terminal agent connection lost");

	static final CloseStatus AGENT_REFUSED = CloseStatus.SERVER_ERROR.withReason("terminal agent refused this gateway");

	private static final Logger logger = LoggerFactory.getLogger(AgentRelay.class);

	/** How long a closed client's last messages may wait to reach the agent before the agent connection is dropped. */
	static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

	private final WebSocketSession client;

	private final String agentUrl;

	private final EndpointMetrics metrics;

	/** Sends to the client: output from the agent's thread, pings from the heartbeat's. */
	private final ReentrantLock clientSends = new ReentrantLock();

	/** The JDK client allows one outstanding send at a time: each send follows the one before. */
	private final Object agentSends = new Object();

	private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null); // guarded by agentSends

	/**
	 * Client messages waiting to reach the agent; the client's connection is not read while there are any. Counted
	 * here: Tomcat does not count suspensions, so one resume would end them all.
	 */
	private int holds; // guarded by clientReading

	private final Object clientReading = new Object();

	private final StringBuilder partial = new StringBuilder();

	/** Whether the session stays detached at the agent when this connection closes. */
	final DetachWatch detachWatch = new DetachWatch();

	private final Reconnection reconnection;

	private volatile WebSocket agent;

	/** @param reconnection a reattach, delivered with the agent's first message to the client; or {@code null} */
	AgentRelay(WebSocketSession client, String agentUrl, EndpointMetrics metrics, Reconnection reconnection) {
		this.client = client;
		this.agentUrl = agentUrl;
		this.metrics = metrics;
		this.reconnection = reconnection;
	}

	/** Opens the agent's WebSocket with the signed agent token; an {@link IOException} if not reached in time. */
	void connect(HttpClient http, String agentToken, Duration timeout) throws IOException {
		try {
			this.agent = http.newWebSocketBuilder()
				.header("Authorization", "Bearer " + agentToken)
				.connectTimeout(timeout)
				.buildAsync(URI.create(this.agentUrl), this)
				.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while connecting to " + this.agentUrl, ex);
		}
		catch (Exception ex) {
			throw new IOException("cannot connect to the terminal agent at " + this.agentUrl + ": " + ex, ex);
		}
	}

	/**
	 * A client message, passed on as it is (the agent checks it). Until it is sent the client's connection is not
	 * read.
	 */
	void forward(String text) {
		WebSocket agent = this.agent;
		if (agent == null) {
			return;
		}
		CompletableFuture<?> sent;
		synchronized (this.agentSends) {
			sent = this.lastSend.thenCompose((previous) -> agent.sendText(text, true));
			this.lastSend = sent;
		}
		if (!sent.isDone()) {
			holdClientReading();
			sent.whenComplete((done, ex) -> releaseClientReading());
		}
		sent.whenComplete((done, ex) -> {
			if (ex == null) {
				this.detachWatch.toAgent(text);
			}
			else {
				logger.debug("Forwarding to the terminal agent at {} failed: {}", this.agentUrl, ex.getMessage());
				closeClient(AGENT_LOST);
			}
		});
	}

	/**
	 * Whether client messages wait for the agent: the client's pongs wait unread behind them, so its silence does not
	 * mean it is gone.
	 */
	boolean clientReadingHeld() {
		synchronized (this.clientReading) {
			return this.holds > 0;
		}
	}

	WebSocketSession client() {
		return this.client;
	}

	/**
	 * The client is gone: the agent ends the shell, unless the client sent {@code detach} first. The close follows
	 * the client's last messages; if they cannot reach the agent within {@link #CLOSE_GRACE}, the agent connection
	 * is dropped, which ends the shell too.
	 */
	void clientClosed(String reason) {
		WebSocket agent = this.agent;
		if (agent == null || agent.isOutputClosed()) {
			return;
		}
		synchronized (this.agentSends) {
			this.lastSend.handle((done, ex) -> null)
				.thenCompose((previous) -> agent.sendClose(WebSocket.NORMAL_CLOSURE, reason))
				.orTimeout(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
				.exceptionally((ex) -> {
					agent.abort();
					return null;
				});
		}
	}

	// Tomcat reads no further frame of a held connection, so TCP's window holds back the client
	private void holdClientReading() {
		synchronized (this.clientReading) {
			if (this.holds++ == 0) {
				tomcatSession().suspend();
			}
		}
	}

	private void releaseClientReading() {
		synchronized (this.clientReading) {
			if (--this.holds == 0) {
				tomcatSession().resume();
			}
		}
	}

	private WsSession tomcatSession() {
		WebSocketSession undecorated = WebSocketSessionDecorator.unwrap(this.client);
		WsSession tomcat = (undecorated instanceof NativeWebSocketSession nativeSession)
				? nativeSession.getNativeSession(WsSession.class) : null;
		if (tomcat == null) {
			throw new IllegalStateException("terminal connections are served by Tomcat, not " + undecorated.getClass());
		}
		return tomcat;
	}

	/**
	 * A ping for the heartbeat; skipped while output is being sent (the connection is busy, not dead). A ping that
	 * cannot be sent closes the connection: its client is gone.
	 */
	void ping() {
		if (this.clientSends.tryLock()) {
			try {
				if (this.client.isOpen()) {
					this.client.sendMessage(new PingMessage());
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Ping of terminal connection {} failed: {}", this.client.getId(), ex.getMessage());
				closeClient(SessionSends.SEND_FAILED);
			}
			finally {
				this.clientSends.unlock();
			}
		}
	}

	void closeClient(CloseStatus status) {
		SessionSends.closeQuietly(this.client, status);
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (!last) {
			webSocket.request(1);
			return null;
		}
		String text = this.partial.toString();
		this.partial.setLength(0);
		this.detachWatch.fromAgent(text);
		this.clientSends.lock();
		try {
			this.client.sendMessage(new TextMessage(text));
			this.metrics.sent(0);
			if (this.reconnection != null) {
				this.reconnection.delivered();
			}
		}
		catch (IOException | RuntimeException ex) {
			// the client is going away; its close ends or detaches the session on the agent
			logger.debug("Sending to terminal connection {} failed: {}", this.client.getId(), ex.getMessage());
		}
		finally {
			this.clientSends.unlock();
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.detachWatch.agentClosed(statusCode, reason);
		if (statusCode == 4401) {
			// the client's token is fine; this gateway's master secret, the host's key or a clock is not
			logger.warn("Terminal agent at {} refused this gateway: {}", this.agentUrl, reason);
			closeClient(AGENT_REFUSED);
		}
		else if (statusCode >= 1000 && statusCode < 5000 && statusCode != 1005 && statusCode != 1006
				&& statusCode != 1015) {
			closeClient(new CloseStatus(statusCode, reason));
		}
		else {
			closeClient(AGENT_LOST);
		}
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		logger.warn("Connection to the terminal agent at {} failed: {}", this.agentUrl, error.toString());
		closeClient(AGENT_LOST);
	}

}
