package io.envstream.gateway.ws;

import java.net.URI;

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

	private final Logger logger = LoggerFactory.getLogger(getClass());

	private final String name;

	private final Permission required;

	private final CloseStatus unavailable;

	private final EndpointSupport support;

	private final EndpointMetrics metrics;

	private final Connections<C> connections;

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

	/** Runs the checks and starts the connection, or closes the session with the first failing check's code. */
	@Override
	public final void open(WebSocketSession session) {
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
		C connection = this.connections.received(session);
		return (connection != null) ? message(connection, text) : null;
	}

	@Override
	public final void pong(WebSocketSession session) {
		this.connections.pong(session);
	}

	@Override
	public final void closed(WebSocketSession session, CloseStatus status) {
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

}
