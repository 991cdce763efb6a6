package io.envstream.gateway.status;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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
 * replaced by a newer one (a slow client gets the latest sample, not a backlog), except the first
 * with the recent samples; {@code status} and {@code alert} frames are all kept, up to
 * {@value #MAX_QUEUED} frames, beyond which the client is too slow and is closed (on reconnection
 * it gets the current state first).
 */
final class StatusConnection implements StatusListener {

	static final int MAX_QUEUED = 64;

	static final CloseStatus TOO_SLOW = CloseStatus.SERVER_ERROR.withReason("client too slow, reconnect");

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

	private final Deque<StatusFrame> queue = new ArrayDeque<>(); // guarded by this

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
			offer(new StatusFrame(StatusMessages.status(status), change ? status.getTimestampMillis() : 0, false, null));
		}
	}

	/** An impostor's state must not show as the environment's (its id claimed from another host is refused). */
	private boolean fromClaimedHost(String hostId) {
		return this.claimedHost == null || this.claimedHost.equals(hostId);
	}

	@Override
	public void metrics(ContainerMetrics metrics) {
		if (receivesMetrics() && fromClaimedHost(metrics.getHostId())) {
			offer(new StatusFrame(StatusMessages.metrics(metrics), metrics.getTimestampMillis(), true, null));
		}
	}

	@Override
	public void recentMetrics(List<ContainerMetrics> samples) {
		List<ContainerMetrics> claimed = samples.stream().filter((each) -> fromClaimedHost(each.getHostId())).toList();
		if (receivesMetrics() && !claimed.isEmpty()) {
			// not replaceable: a sample arriving before it is sent must not drop the history
			offer(new StatusFrame(StatusMessages.metrics(claimed), 0, false, null));
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
			offer(new StatusFrame(StatusMessages.alert(alert), 0, false, null));
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
			this.queue.removeIf(StatusFrame::metrics);
		}
	}

	void ping() {
		offer(StatusFrame.PING);
	}

	/** Closes after the frames queued so far are sent. */
	void closeAfterQueued(CloseStatus close) {
		offer(new StatusFrame(null, 0, false, close));
	}

	void offer(StatusFrame frame) {
		synchronized (this) {
			if (this.closing || (frame.metrics() && !this.metrics)) {
				return;
			}
			if (frame.metrics()) {
				this.queue.removeIf(StatusFrame::metrics);
			}
			if (frame.close() != null) {
				this.closing = true;
			}
			else if (this.queue.size() >= MAX_QUEUED) {
				this.queue.clear();
				this.closing = true;
				frame = new StatusFrame(null, 0, false, TOO_SLOW);
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
	synchronized StatusFrame take() {
		StatusFrame frame = this.queue.poll();
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
