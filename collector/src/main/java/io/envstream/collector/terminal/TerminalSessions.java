package io.envstream.collector.terminal;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.envstream.collector.discovery.LabelSelector;
import io.envstream.schemas.terminal.AgentToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The agent's terminal sessions: opens a shell for a new session or reattaches a detached one,
 * relays the client's messages to it, keeps a detached one for the grace period, and ends it
 * (with every process it started) when its connection closes without a {@code detach}, when the
 * grace period passes, or when the agent stops. Each ended session is one audit record.
 */
public final class TerminalSessions implements AutoCloseable {

	/** Reattach to a session that ended or never existed (or belongs to another environment). */
	static final CloseStatus UNKNOWN_SESSION = new CloseStatus(4404, "terminal session unknown or ended");

	/** Reattach by another user than the one who opened the session. */
	static final CloseStatus OTHER_USERS_SESSION = new CloseStatus(4403, "terminal session belongs to another user");

	/** A container this agent does not follow (outside its label selector, or no environment's). */
	static final CloseStatus NOT_FOLLOWED = CloseStatus.POLICY_VIOLATION
		.withReason("the container is not followed by this agent");

	/** Reattach while another connection is attached. */
	static final CloseStatus ALREADY_ATTACHED = new CloseStatus(4409, "terminal session is attached elsewhere");

	private static final Logger logger = LoggerFactory.getLogger(TerminalSessions.class);

	private static final String SESSION_ATTRIBUTE = TerminalSessions.class.getName() + ".session";

	private static final String DEFAULT_SHELL = "/bin/bash";

	private final TerminalProperties properties;

	private final DockerShells shells;

	private final TerminalAudit audit;

	private final String hostId;

	private final LabelSelector selector;

	private final Map<String, ShellSession> sessions = new ConcurrentHashMap<>();

	private final ScheduledExecutorService expiries = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "terminal-expiry");
		thread.setDaemon(true);
		return thread;
	});

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "terminal-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private final ExecutorService sweeps = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "terminal-sweep");
		thread.setDaemon(true);
		return thread;
	});

	private final SecureRandom random = new SecureRandom();

	TerminalSessions(TerminalProperties properties, DockerShells shells, TerminalAudit audit, String hostId,
			LabelSelector selector) {
		this.properties = properties;
		this.shells = shells;
		this.audit = audit;
		this.hostId = hostId;
		this.selector = selector;
		long interval = properties.heartbeatInterval().toMillis();
		this.heartbeats.scheduleWithFixedDelay(
				() -> this.sessions.values().forEach((session) -> {
					WebSocketSession silent = session.heartbeat(properties.heartbeatTimeout());
					if (silent != null) {
						closed(silent);
					}
				}),
				interval, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * The sessions of this host's agent.
	 * @param producerProperties Kafka producer settings for the audit records
	 * @param selector the containers this agent follows, the only ones it opens shells in
	 */
	public static TerminalSessions create(TerminalProperties properties, DockerClient docker, DockerHttpClient http,
			Map<String, Object> producerProperties, String hostId, LabelSelector selector) {
		return new TerminalSessions(properties, new DockerShells(docker, http), new TerminalAudit(producerProperties),
				hostId, selector);
	}

	/** The host this agent serves, the audience its tokens must name. */
	String hostId() {
		return this.hostId;
	}

	/**
	 * Opens what the token asks for on this connection.
	 * @return {@code null} once the connection is attached, else how to close it
	 */
	CloseStatus open(WebSocketSession connection, AgentToken token) throws IOException {
		return (token.session() != null) ? reattach(connection, token) : start(connection, token);
	}

	/** @return {@code null}, or how to close the connection (1008 for a message outside the protocol) */
	CloseStatus message(WebSocketSession connection, String text) {
		ShellSession session = attachedTo(connection);
		if (session == null) {
			return UNKNOWN_SESSION;
		}
		TerminalMessage message;
		try {
			message = TerminalMessage.parse(text);
		}
		catch (IllegalArgumentException ex) {
			return CloseStatus.POLICY_VIOLATION.withReason(ex.getMessage());
		}
		if (message instanceof TerminalMessage.Input input) {
			session.write(input.data(), connection);
		}
		else if (message instanceof TerminalMessage.Resize resize) {
			this.shells.resize(session.execId(), resize.cols(), resize.rows());
		}
		else {
			session.requestDetach();
		}
		return null;
	}

	/** The gateway answered a ping. */
	void ponged(WebSocketSession connection) {
		ShellSession session = attachedTo(connection);
		if (session != null) {
			session.ponged();
		}
	}

	/** The connection closed: the session is detached after a {@code detach}, else ended. */
	void closed(WebSocketSession connection) {
		// once per connection: a heartbeat timeout gets here before the container reports the close
		Object sessionId = connection.getAttributes().remove(SESSION_ATTRIBUTE);
		ShellSession session = (sessionId != null) ? this.sessions.get(sessionId) : null;
		if (session != null && !session.connectionClosed(connection, this::scheduleExpiry)) {
			end(session, "closed");
		}
		else if (session != null) {
			logger.info("Terminal session {} of {} detached; kept for {}", session.info().sessionId(),
					session.info().user(), this.properties.detachGrace());
		}
	}

	@Override
	public void close() {
		List<ShellSession> open = new ArrayList<>(this.sessions.values());
		open.forEach((session) -> end(session, "agent-stopped"));
		this.expiries.shutdownNow();
		this.heartbeats.shutdownNow();
		this.sweeps.shutdown();
		try {
			this.sweeps.awaitTermination(15, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.audit.close();
		this.shells.close();
	}

	private CloseStatus start(WebSocketSession connection, AgentToken token) throws IOException {
		List<String> command = command(token.cmd());
		if (command == null) {
			return CloseStatus.POLICY_VIOLATION.withReason("cmd is not in the agent's allow-list");
		}
		String sessionId = newSessionId();
		int cols = (token.cols() > 0) ? token.cols() : this.properties.defaultCols();
		int rows = (token.rows() > 0) ? token.rows() : this.properties.defaultRows();
		ShellProcess process;
		try {
			if (!this.selector.matches(this.shells.labels(token.containerId()))) {
				logger.warn("Terminal for {} in environment {} refused: container {} is not followed by this agent",
						token.user(), token.environmentId(), token.containerId());
				return NOT_FOLLOWED;
			}
			process = this.shells.start(token.containerId(), sessionId, cols, rows, command);
		}
		catch (ShellStartException ex) {
			logger.warn("Terminal for {} in environment {} not started: {}", token.user(), token.environmentId(),
					ex.getMessage());
			return CloseStatus.SERVER_ERROR.withReason(truncate(ex.getMessage()));
		}
		SessionInfo info = new SessionInfo(sessionId, token.user(), token.environmentId(), token.containerId(),
				command.isEmpty() ? DEFAULT_SHELL : String.join(" ", command), System.currentTimeMillis());
		ShellSession session = new ShellSession(info, process, this.properties.replayCharacters());
		this.sessions.put(sessionId, session);
		connection.getAttributes().put(SESSION_ATTRIBUTE, sessionId);
		// output before the attach waits in the replay buffer, which the attach sends after ready
		Thread pump = new Thread(() -> run(session), "terminal-" + sessionId);
		pump.setDaemon(true);
		pump.start();
		if (!session.attach(connection)) {
			return CloseStatus.NORMAL.withReason("shell exited at once");
		}
		logger.info("Terminal session {} started for {} in environment {} ({})", sessionId, info.user(),
				info.environmentId(), info.command());
		return null;
	}

	private CloseStatus reattach(WebSocketSession connection, AgentToken token) throws IOException {
		ShellSession session = this.sessions.get(token.session());
		if (session == null || !session.info().environmentId().equals(token.environmentId())) {
			return UNKNOWN_SESSION;
		}
		if (!session.info().user().equals(token.user())) {
			logger.warn("User {} tried to reattach terminal session {} of {}", token.user(), token.session(),
					session.info().user());
			return OTHER_USERS_SESSION;
		}
		connection.getAttributes().put(SESSION_ATTRIBUTE, token.session());
		if (!session.attach(connection)) {
			connection.getAttributes().remove(SESSION_ATTRIBUTE);
			return session.isAttached() ? ALREADY_ATTACHED : UNKNOWN_SESSION;
		}
		if (token.cols() > 0 && token.rows() > 0) {
			this.shells.resize(session.execId(), token.cols(), token.rows());
		}
		logger.info("Terminal session {} reattached by {}", token.session(), token.user());
		return null;
	}

	/** The session's output pump, then its end. */
	private void run(ShellSession session) {
		session.pump();
		Integer exitCode = this.shells.exitCode(session.execId());
		String reason = session.finish(exitCode);
		this.sessions.remove(session.info().sessionId());
		if ("exited".equals(reason)) {
			// whatever the shell left running in the background goes with it
			this.sweeps.execute(() -> this.shells.endSession(session.info().containerId(), session.info().sessionId()));
		}
		SessionInfo info = session.info();
		this.audit.publish(info, this.hostId, session.bytesIn(), session.bytesOut(), exitCode, reason);
		logger.info("Terminal session {} of {} ended ({}, exit code {})", info.sessionId(), info.user(), reason,
				exitCode);
	}

	private void end(ShellSession session, String reason) {
		if (!session.markEnding(reason)) {
			return;
		}
		try {
			this.sweeps.execute(() -> {
				this.shells.endSession(session.info().containerId(), session.info().sessionId());
				session.abandon();
			});
		}
		catch (RejectedExecutionException ex) {
			session.abandon();
		}
	}

	private ScheduledFuture<?> scheduleExpiry(ShellSession session) {
		return this.expiries.schedule(() -> end(session, "detach-expired"),
				this.properties.detachGrace().toMillis(), TimeUnit.MILLISECONDS);
	}

	private ShellSession attachedTo(WebSocketSession connection) {
		Object sessionId = connection.getAttributes().get(SESSION_ATTRIBUTE);
		return (sessionId != null) ? this.sessions.get(sessionId) : null;
	}

	/** The argv to run: empty for the default shell, {@code null} when the command is not allowed. */
	private List<String> command(String cmd) {
		if (cmd == null || cmd.equals(DEFAULT_SHELL)) {
			return List.of();
		}
		if (!this.properties.commands().contains(cmd)) {
			return null;
		}
		return Arrays.asList(cmd.trim().split("\\s+"));
	}

	private String newSessionId() {
		byte[] bytes = new byte[18];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A close reason has at most 123 bytes. */
	private static String truncate(String reason) {
		return (reason.length() <= 100) ? reason : reason.substring(0, 100) + "…";
	}

}
