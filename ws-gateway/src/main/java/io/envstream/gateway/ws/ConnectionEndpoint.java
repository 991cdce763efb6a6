package io.envstream.gateway.ws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.envstream.gateway.limits.ConnectionLimits.Lease;
import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.Permission;
import io.envstream.gateway.ws.ConnectionAdmission.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One connection lifecycle for every environment endpoint: the admission checks (a refusal closed
 * and counted; a store that cannot answer, 1011 with the endpoint's reason), registration in
 * {@link Connections} (heartbeat, token and access watch, lease, metrics), the messages of an open
 * connection, its close and the shutdown. An endpoint contributes only what is its own: its query,
 * its state of a connection {@code C}, its messages and its source of frames.
 * @param <R> the endpoint's parsed query
 * @param <C> the endpoint's own state of a connection
 */
public abstract class ConnectionEndpoint<R, C> implements Endpoint, ClosableEndpoint {

	/** Session attribute: the {@link Opening} of a connection whose admission and start still run. */
	private static final String OPENING = ConnectionEndpoint.class.getName() + ".opening";

	/** How much text a client may send before its connection has started (a client sends a few small messages). */
	private static final int MAX_CHARS_BEFORE_START = 1 << 20;

	private static final CloseStatus TOO_MUCH_BEFORE_START = CloseStatus.POLICY_VIOLATION
		.withReason("more than " + MAX_CHARS_BEFORE_START + " characters of messages before the connection started");

	private final Logger logger = LoggerFactory.getLogger(getClass());

	private final String name;

	private final Permission required;

	private final CloseStatus unavailable;

	private final EndpointSupport support;

	private final EndpointMetrics metrics;

	private final Connections<C> connections;

	private final ExecutorService openers;

	/**
	 * @param name the last segment of the endpoint's path, also its name in the limits and metrics
	 * @param required the permission a caller needs in the environment
	 * @param unavailable the close when a store cannot answer during admission or start
	 * @param support the shared parts of every connection
	 * @param metrics the endpoint's meters
	 */
	protected ConnectionEndpoint(String name, Permission required, CloseStatus unavailable, EndpointSupport support,
			EndpointMetrics metrics) {
		this.name = name;
		this.required = required;
		this.unavailable = unavailable;
		this.support = support;
		this.metrics = metrics;
		this.connections = new Connections<>(metrics, support.heartbeats, support.access, support.limits);
		this.openers = support.openers(name);
	}

	/**
	 * Reads the endpoint's query once the caller may access the environment.
	 * @see ConnectionAdmission.RequestParser
	 */
	protected abstract R parse(URI uri, Caller caller, String environmentId) throws Exception;

	/**
	 * Starts an admitted connection: makes its state, {@link #register registers} it, then starts
	 * its source of frames.
	 * @throws Exception when a store cannot answer: the connection is closed with the endpoint's
	 * {@code unavailable} status (and its lease released)
	 */
	protected abstract void start(WebSocketSession session, Decision<R> admitted) throws Exception;

	/** Handles a client message of an open connection; returns a close status for a protocol violation. */
	protected abstract CloseStatus message(C connection, String text);

	/** Sends the connection a ping (the heartbeat); must not block for long. */
	protected abstract void ping(C connection);

	/** Closes the connection at once (heartbeat timeout, expired token, revoked access, shutdown deadline). */
	protected abstract void close(C connection, CloseStatus status);

	/** Closes the connection once what is queued for it is sent. */
	protected abstract void closeAfterQueued(C connection, CloseStatus status);

	/** The connection is gone, closed with {@code status} by either side: releases what the endpoint holds for it. */
	protected abstract void release(C connection, CloseStatus status);

	@Override
	public final String name() {
		return this.name;
	}

	/**
	 * Runs the checks and starts the connection, or closes the session with the first failing check's code, on
	 * an opener thread. Both query PostgreSQL (and a start, Kafka). On the container's threads, a storm of
	 * handshakes waiting for those answers (a thousand clients reconnecting at once) would hold every one of
	 * them, and Tomcat completes each frame sent to any client on one of them: every other client's live lines
	 * would wait until the storm had passed. Messages that come before the start ends wait for it, in order.
	 */
	@Override
	public final void open(WebSocketSession session) {
		Opening opening = new Opening();
		session.getAttributes().put(OPENING, opening);
		try {
			this.openers.execute(() -> admitAndStart(session, opening));
		}
		catch (RejectedExecutionException ex) {
			session.getAttributes().remove(OPENING);
			this.connections.reject(session, CloseStatus.GOING_AWAY.withReason("the gateway is stopping"));
		}
	}

	private void admitAndStart(WebSocketSession session, Opening opening) {
		try {
			admitAndStart(session);
		}
		finally {
			opened(session, opening);
		}
	}

	private void admitAndStart(WebSocketSession session) {
		Decision<R> decision;
		try {
			decision = this.support.admission.check(session, this.name, this.required, this::parse);
		}
		catch (Exception ex) {
			unavailable(session, null, ex);
			return;
		}
		if (decision.refusal() != null) {
			this.connections.reject(session, decision.refusal());
			return;
		}
		try {
			start(session, decision);
		}
		catch (Exception ex) {
			unavailable(session, decision.lease(), ex);
		}
	}

	/**
	 * The admission and start have ended: the messages that came meanwhile are handled in the order they came
	 * (a message that comes now waits for them), and a close that came meanwhile releases what the start took.
	 */
	private void opened(WebSocketSession session, Opening opening) {
		CloseStatus closedMeanwhile;
		synchronized (opening) {
			closedMeanwhile = opening.closed;
			List<String> held = opening.end();
			for (int i = 0; i < held.size() && closedMeanwhile == null; i++) {
				CloseStatus violation = message(session, held.get(i));
				if (violation != null) {
					SessionSends.closeQuietly(session, violation);
					break;
				}
			}
		}
		session.getAttributes().remove(OPENING);
		if (closedMeanwhile != null) {
			closed(session, closedMeanwhile);
		}
	}

	/** Closes a connection whose admission or start failed; its lease, if any, is released once. */
	private void unavailable(WebSocketSession session, Lease lease, Exception ex) {
		this.logger.warn("{} connection to {} failed: {}", this.name, ConnectionAdmission.environmentId(session),
				ex.toString());
		if (this.connections.contains(session)) {
			// registered: its close releases the lease and counts the close
			SessionSends.closeQuietly(session, this.unavailable);
			return;
		}
		if (lease != null) {
			this.support.limits.release(lease);
		}
		this.connections.reject(session, this.unavailable);
	}

	/** The endpoint's meters. */
	protected final EndpointMetrics metrics() {
		return this.metrics;
	}

	/** Counts the connection open and starts its heartbeat and its token and access watch. */
	protected final void register(WebSocketSession session, C connection, Decision<R> admitted) {
		this.connections.add(session, connection, admitted.lease());
		this.connections.watch(session, admitted, () -> ping(connection), (status) -> close(connection, status));
	}

	@Override
	public final CloseStatus message(WebSocketSession session, String text) {
		Opening opening = (Opening) session.getAttributes().get(OPENING);
		Opening.Hold hold = (opening != null) ? opening.hold(text) : Opening.Hold.STARTED;
		if (hold == Opening.Hold.HELD) {
			return null;
		}
		if (hold == Opening.Hold.TOO_MUCH) {
			return TOO_MUCH_BEFORE_START;
		}
		C connection = this.connections.received(session);
		return (connection != null) ? message(connection, text) : null;
	}

	@Override
	public final void pong(WebSocketSession session) {
		this.connections.pong(session);
	}

	@Override
	public final void closed(WebSocketSession session, CloseStatus status) {
		Opening opening = (Opening) session.getAttributes().get(OPENING);
		if (opening != null && opening.closeBeforeStarted(status)) {
			// the start's end releases what it took
			return;
		}
		C connection = this.connections.closed(session, status);
		if (connection != null) {
			release(connection, status);
		}
	}

	@Override
	public final void closeAfterQueued(CloseStatus status) {
		this.connections.forEach((connection) -> closeAfterQueued(connection, status));
	}

	@Override
	public final int openConnections() {
		return this.connections.size();
	}

	@Override
	public final void closeNow(CloseStatus status) {
		this.connections.forEach((connection) -> close(connection, status));
	}

	/** A connection between its upgrade and the end of its admission and start: what comes meanwhile. */
	private static final class Opening {

		enum Hold {
			/** The message waits for the start's end. */
			HELD,
			/** Over {@link ConnectionEndpoint#MAX_CHARS_BEFORE_START}: the connection is closed. */
			TOO_MUCH,
			/** The start has ended: handle the message now. */
			STARTED
		}

		/** The messages that came, in order; {@code null} once the start has ended. */
		private List<String> held = new ArrayList<>();

		private long heldChars;

		/** The close that came, if one did. */
		private CloseStatus closed;

		synchronized Hold hold(String text) {
			if (this.held == null) {
				return Hold.STARTED;
			}
			this.heldChars += text.length();
			if (this.heldChars > MAX_CHARS_BEFORE_START) {
				this.held.clear();
				return Hold.TOO_MUCH;
			}
			this.held.add(text);
			return Hold.HELD;
		}

		/** @return whether the start has not ended, so that its end handles the close */
		synchronized boolean closeBeforeStarted(CloseStatus status) {
			if (this.held == null) {
				return false;
			}
			this.closed = status;
			return true;
		}

		/** The start has ended; @return the messages that came meanwhile. Called holding this object's lock. */
		List<String> end() {
			List<String> messages = this.held;
			this.held = null;
			return messages;
		}

	}

}
