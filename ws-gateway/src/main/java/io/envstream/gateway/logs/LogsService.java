package io.envstream.gateway.logs;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.limits.ConnectionLimits;
import io.envstream.gateway.ws.AccessWatch;
import io.envstream.gateway.ws.ClosableEndpoint;
import io.envstream.gateway.ws.ConnectionAdmission;
import io.envstream.gateway.ws.Connections;
import io.envstream.gateway.ws.Endpoint;
import io.envstream.gateway.ws.Heartbeats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The logs endpoint's behaviour: where a stream starts once {@link LogsAdmission} let it in
 * ({@link StreamStart}), what pause, resume and filter do, and shutdown; a replay's controls are
 * {@link ReplaySessions}'. The connection itself (heartbeats, access, lease, metrics) is
 * {@link Connections}'; the hand-over between a subscription's reader and live is the {@link LiveFanout}'s.
 */
@Service
class LogsService implements Endpoint, ClosableEndpoint {

	static final String ENDPOINT = "logs";

	private static final Logger logger = LoggerFactory.getLogger(LogsService.class);

	private static final CloseStatus UNAVAILABLE = CloseStatus.SERVER_ERROR
		.withReason("history or log topic unavailable, retry");

	private final LogsAdmission admission;

	private final ConnectionLimits limits;

	private final StreamStart starts;

	private final LiveFanout fanout;

	private final ReplaySessions replays;

	private final Outbox outbox;

	private final GatewayProperties properties;

	private final Connections<Subscription> connections;

	LogsService(LogsAdmission admission, ConnectionLimits limits, StreamStart starts,
			LiveFanout fanout, ReplaySessions replays, Outbox outbox, LogsMetrics metrics, Heartbeats heartbeats,
			AccessWatch access, GatewayProperties properties) {
		this.admission = admission;
		this.limits = limits;
		this.starts = starts;
		this.fanout = fanout;
		this.replays = replays;
		this.outbox = outbox;
		this.properties = properties;
		this.connections = new Connections<>(metrics.endpoint(), heartbeats, access, limits);
	}

	@Override
	public String name() {
		return ENDPOINT;
	}

	/** Runs the checks and starts the stream, or closes the session with the first failing check's code. */
	@Override
	public void open(WebSocketSession session) {
		String environmentId = ConnectionAdmission.environmentId(session);
		LogsAdmission.Decision decision;
		try {
			decision = this.admission.check(session);
		}
		catch (Exception ex) {
			logger.warn("logs connection to {} failed: {}", environmentId, ex.toString());
			this.connections.reject(session, UNAVAILABLE);
			return;
		}
		if (decision.refusal() != null) {
			this.connections.reject(session, decision.refusal());
			return;
		}
		StreamStart.Start start;
		try {
			start = this.starts.of(environmentId, decision.partition(), decision.request());
		}
		catch (Exception ex) {
			logger.warn("logs connection to {} failed: {}", environmentId, ex.toString());
			this.limits.release(decision.lease());
			this.connections.reject(session, UNAVAILABLE);
			return;
		}
		LogsRequest request = decision.request();
		ReplayControls replay = (request.replay() == null) ? null : new ReplayControls(request.replay(), System::nanoTime);
		Subscription subscription = new Subscription(session.getId(), environmentId, decision.partition(),
				request.follow(), decision.lease(), LineFilter.ALL.withStream(request.stream()),
				this.properties.sendQueueLines(), start.after(), replay);
		this.outbox.register(subscription, session);
		this.connections.add(session, subscription, subscription.lease);
		this.connections.watch(session, decision.admitted(), () -> {
			subscription.ping();
			this.outbox.kick(subscription);
		}, (status) -> {
			subscription.markClosed();
			this.outbox.close(subscription, status);
		});
		feed(subscription, subscription.generation(), start.reader());
	}

	/** Starts the reader of {@code generation}: a paced one while a replay has not joined live. */
	private void feed(Subscription subscription, long generation, CatchUpReaders.Start start) {
		if (this.replays.paces(subscription)) {
			this.replays.start(subscription, generation);
		}
		else {
			this.fanout.catchUp(subscription, generation, start);
		}
	}

	/** Handles a client message; returns a close status for a protocol violation. */
	@Override
	public CloseStatus message(WebSocketSession session, String text) {
		Subscription subscription = this.connections.received(session);
		if (subscription == null) {
			return null;
		}
		ClientMessage message;
		try {
			message = ClientMessage.parse(text);
		}
		catch (IllegalArgumentException ex) {
			return new CloseStatus(1008, ex.getMessage());
		}
		if (message instanceof ClientMessage.Pause) {
			this.replays.pause(subscription);
			if (subscription.pause()) {
				this.fanout.detach(subscription);
			}
		}
		else if (message instanceof ClientMessage.Resume resume) {
			resume(subscription, resume.fromLive());
		}
		else if (message instanceof ClientMessage.Filter filter) {
			filter(subscription, filter);
		}
		else {
			this.replays.control(subscription, message);
		}
		return null;
	}

	private void resume(Subscription subscription, boolean fromLive) {
		StreamStart.Start start = fromLive ? this.starts.atLiveTail(subscription) : StreamStart.AFTER_LAST_SENT;
		this.replays.resume(subscription, fromLive);
		long generation = subscription.resume(start.after());
		if (generation >= 0) {
			feed(subscription, generation, start.reader());
		}
	}

	private void filter(Subscription subscription, ClientMessage.Filter message) {
		try {
			subscription.filter(message.applyTo(subscription.filter(), this.properties.grepMaxChars()));
		}
		catch (IllegalArgumentException ex) {
			this.outbox.error(subscription, "invalid_regex", ex.getMessage());
		}
	}

	@Override
	public void closed(WebSocketSession session, CloseStatus status) {
		Subscription subscription = this.connections.closed(session, status);
		if (subscription != null) {
			subscription.markClosed();
			this.fanout.detach(subscription);
			this.outbox.unregister(subscription);
		}
	}

	@Override
	public void pong(WebSocketSession session) {
		this.connections.pong(session);
	}

	@Override
	public void closeAfterQueued(CloseStatus status) {
		this.connections.forEach((subscription) -> {
			subscription.control(Frame.close(status));
			this.outbox.kick(subscription);
		});
	}

	@Override
	public int openConnections() {
		return this.connections.size();
	}

	@Override
	public void closeNow(CloseStatus status) {
		this.connections.forEach((subscription) -> this.outbox.close(subscription, status));
	}

}
