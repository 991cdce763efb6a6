package io.envstream.gateway.logs;

import java.net.URI;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.Permission;
import io.envstream.gateway.ws.ConnectionAdmission.Decision;
import io.envstream.gateway.ws.ConnectionEndpoint;
import io.envstream.gateway.ws.EndpointSupport;

import org.springframework.stereotype.Service;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The logs endpoint's behaviour: where a stream starts once {@link LogsAdmission} let it in
 * ({@link StreamStart}), what pause, resume and filter do, and shutdown. The connection itself
 * (admission, heartbeats, access, lease, metrics) is {@link ConnectionEndpoint}'s; the hand-over
 * between a subscription's reader and live is the {@link LiveFanout}'s.
 */
@Service
class LogsService extends ConnectionEndpoint<LogsAdmission.Admitted, Subscription> {

	static final String ENDPOINT = "logs";

	private static final CloseStatus UNAVAILABLE = CloseStatus.SERVER_ERROR
		.withReason("history or log topic unavailable, retry");

	private final LogsAdmission admission;

	private final StreamStart starts;

	private final LiveFanout fanout;

	private final ReplaySessions replays;

	private final Outbox outbox;

	private final GatewayProperties properties;

	LogsService(EndpointSupport support, LogsAdmission admission, StreamStart starts, LiveFanout fanout,
			ReplaySessions replays, Outbox outbox, LogsMetrics metrics, GatewayProperties properties) {
		super(ENDPOINT, Permission.READ, UNAVAILABLE, support, metrics.endpoint());
		this.admission = admission;
		this.starts = starts;
		this.fanout = fanout;
		this.replays = replays;
		this.outbox = outbox;
		this.properties = properties;
	}

	@Override
	protected LogsAdmission.Admitted parse(URI uri, Caller caller, String environmentId) throws Exception {
		return this.admission.parse(uri, caller, environmentId);
	}

	@Override
	protected void start(WebSocketSession session, Decision<LogsAdmission.Admitted> admitted) throws Exception {
		LogsRequest request = admitted.request().request();
		int partition = admitted.request().partition();
		StreamStart.Start start = this.starts.of(admitted.environmentId(), partition, request);
		ReplayControls replay = (request.replay() == null) ? null : new ReplayControls(request.replay(), System::nanoTime);
		Subscription subscription = new Subscription(session.getId(), admitted.environmentId(), partition,
				request.follow(), LineFilter.ALL.withStream(request.stream()),
				this.properties.sendQueueLines(), start.after(),
				(request.resume() != null) ? metrics().reconnection() : null, replay);
		this.outbox.register(subscription, session);
		register(session, subscription, admitted);
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

	@Override
	protected CloseStatus message(Subscription subscription, String text) {
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
	protected void ping(Subscription subscription) {
		subscription.ping();
		this.outbox.kick(subscription);
	}

	@Override
	protected void close(Subscription subscription, CloseStatus status) {
		subscription.markClosed();
		this.outbox.close(subscription, status);
	}

	@Override
	protected void closeAfterQueued(Subscription subscription, CloseStatus status) {
		subscription.control(Frame.close(status));
		this.outbox.kick(subscription);
	}

	@Override
	protected void release(Subscription subscription, CloseStatus status) {
		subscription.markClosed();
		this.fanout.detach(subscription);
		if (subscription.reconnection != null) {
			subscription.reconnection.ended();
		}
		this.outbox.unregister(subscription);
	}

}
