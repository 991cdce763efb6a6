package io.envstream.gateway.status;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

import io.envstream.gateway.limits.ConnectionLimits.Lease;
import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentStatus;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One status connection: the topics it receives (status and metrics from the start, alerts once
 * asked) and the frames waiting for its sender. Frames are queued by the view's thread (never
 * blocking it) and taken by one sender at a time, in order. An unsent {@code metrics} frame is
 * replaced by a newer one, so a slow client gets the latest sample, not a backlog; {@code status}
 * and {@code alert} frames are all kept, up to {@value #MAX_QUEUED} frames, beyond which the client
 * is too slow and is closed (on reconnection it gets the current state first).
 */
final class StatusConnection implements StatusListener {

	static final int MAX_QUEUED = 64;

	static final CloseStatus TOO_SLOW = CloseStatus.SERVER_ERROR.withReason("client too slow, reconnect");

	/**
	 * A frame for the client: a JSON message, a ping or a close.
	 * @param json the message, or {@code null}
	 * @param timestampMillis when the message's state or sample was taken, for the latency metric (0: not a change)
	 * @param metrics whether the message is a {@code metrics} sample (replaceable while unsent)
	 * @param close a close to send, or {@code null}
	 */
	record Frame(String json, long timestampMillis, boolean metrics, CloseStatus close) {

		static final Frame PING = new Frame(null, 0, false, null);

		boolean ping() {
			return this.json == null && this.close == null;
		}

	}

	final WebSocketSession session;

	final String environmentId;

	final Lease lease;

	/** The host the environment belongs to; states and samples from any other host are not sent. */
	final String claimedHost;

	private final Consumer<StatusConnection> kick;

	private boolean status = true; // guarded by this

	private boolean metrics = true; // guarded by this

	/** Opt-in: a client that never asked for alerts never sees the message type. */
	private boolean alerts; // guarded by this

	private final Deque<Frame> queue = new ArrayDeque<>(); // guarded by this

	private boolean draining; // guarded by this

	private boolean closing; // guarded by this

	/**
	 * @param session where the frames go
	 * @param environmentId the environment it watches
	 * @param lease its connection lease
	 * @param claimedHost the host the environment belongs to, {@code null} to take any
	 * @param kick asks a sender to drain this connection (called when a frame waits and no drain runs)
	 */
	StatusConnection(WebSocketSession session, String environmentId, Lease lease, String claimedHost,
			Consumer<StatusConnection> kick) {
		this.session = session;
		this.environmentId = environmentId;
		this.lease = lease;
		this.claimedHost = claimedHost;
		this.kick = kick;
	}

	@Override
	public void status(EnvironmentStatus status, boolean change) {
		if (receivesStatus() && fromClaimedHost(status.getHostId())) {
			offer(new Frame(StatusMessages.status(status), change ? status.getTimestampMillis() : 0, false, null));
		}
	}

	/** An impostor's state must not show as the environment's (its id claimed from another host is refused). */
	private boolean fromClaimedHost(String hostId) {
		return this.claimedHost == null || this.claimedHost.equals(hostId);
	}

	@Override
	public void metrics(ContainerMetrics metrics, boolean change) {
		if (receivesMetrics() && fromClaimedHost(metrics.getHostId())) {
			offer(new Frame(StatusMessages.metrics(metrics), change ? metrics.getTimestampMillis() : 0, true, null));
		}
	}

	/**
	 * Alerts carry no host: the alerts app derives them from the environment's records, so they are
	 * sent whatever the claimed host.
	 */
	@Override
	public void alert(Alert alert) {
		if (receivesAlerts()) {
			// no latency: the firing time is the triggering record's, so the alerts app's window would count too
			offer(new Frame(StatusMessages.alert(alert), 0, false, null));
		}
	}

	synchronized boolean receivesStatus() {
		return this.status;
	}

	synchronized boolean receivesMetrics() {
		return this.metrics;
	}

	synchronized boolean receivesAlerts() {
		return this.alerts;
	}

	synchronized void receiveAlerts(boolean receive) {
		this.alerts = receive;
	}

	synchronized void receiveStatus(boolean receive) {
		this.status = receive;
	}

	/** Subscribes or unsubscribes; unsubscribing also drops the sample waiting to be sent, if any. */
	synchronized void receiveMetrics(boolean receive) {
		this.metrics = receive;
		if (!receive) {
			this.queue.removeIf(Frame::metrics);
		}
	}

	void ping() {
		offer(Frame.PING);
	}

	/** Closes after the frames queued so far are sent. */
	void closeAfterQueued(CloseStatus close) {
		offer(new Frame(null, 0, false, close));
	}

	void offer(Frame frame) {
		synchronized (this) {
			if (this.closing || (frame.metrics() && !this.metrics)) {
				return;
			}
			if (frame.metrics()) {
				this.queue.removeIf(Frame::metrics);
			}
			if (frame.close() != null) {
				this.closing = true;
			}
			else if (this.queue.size() >= MAX_QUEUED) {
				this.queue.clear();
				this.closing = true;
				frame = new Frame(null, 0, false, TOO_SLOW);
			}
			this.queue.add(frame);
			if (this.draining) {
				return;
			}
			this.draining = true;
		}
		this.kick.accept(this);
	}

	/** The next frame to send, or {@code null} (then the drain is over until the next offer). */
	synchronized Frame take() {
		Frame frame = this.queue.poll();
		if (frame == null) {
			this.draining = false;
		}
		return frame;
	}

	/** Nothing more is sent: the connection is gone. */
	synchronized void discard() {
		this.closing = true;
		this.queue.clear();
	}

}
