package io.envstream.gateway.logs;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.history.HistoryQuery;
import io.envstream.gateway.history.HistoryStore;
import io.envstream.gateway.history.LogLine;
import io.envstream.gateway.limits.ConnectionLimits;
import io.envstream.gateway.ws.AccessWatch;
import io.envstream.gateway.ws.ClosableEndpoint;
import io.envstream.gateway.ws.Endpoint;
import io.envstream.gateway.ws.ConnectionAdmission;
import io.envstream.gateway.ws.Heartbeats;
import io.envstream.gateway.ws.JoiningTextWebSocketHandler;
import io.envstream.schemas.cursor.Cursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The logs endpoint's behaviour: where a stream starts once {@link LogsAdmission} let it in, what
 * pause, resume and filter do, and shutdown. Connections are keyed by session id.
 */
@Service
class LogsService implements Endpoint, ClosableEndpoint {

	static final String ENDPOINT = "logs";

	private static final Logger logger = LoggerFactory.getLogger(LogsService.class);

	private final LogsAdmission admission;

	private final ConnectionLimits limits;

	private final HistoryStore history;

	private final KafkaClients kafka;

	private final LiveFanout fanout;

	private final Outbox outbox;

	private final LogsMetrics metrics;

	private final Heartbeats heartbeats;

	private final AccessWatch access;

	private final GatewayProperties properties;

	private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

	LogsService(LogsAdmission admission, ConnectionLimits limits, HistoryStore history, KafkaClients kafka,
			LiveFanout fanout, Outbox outbox, LogsMetrics metrics, Heartbeats heartbeats,
			AccessWatch access, GatewayProperties properties) {
		this.admission = admission;
		this.limits = limits;
		this.history = history;
		this.kafka = kafka;
		this.fanout = fanout;
		this.outbox = outbox;
		this.metrics = metrics;
		this.heartbeats = heartbeats;
		this.access = access;
		this.properties = properties;
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
			reject(session, 1011, "history or log topic unavailable, retry");
			return;
		}
		if (decision.refusal() != null) {
			reject(session, decision.refusal().getCode(), decision.refusal().getReason());
			return;
		}
		try {
			start(session, environmentId, decision);
		}
		catch (Exception ex) {
			logger.warn("logs connection to {} failed: {}", environmentId, ex.toString());
			this.limits.release(decision.lease());
			reject(session, 1011, "history or log topic unavailable, retry");
		}
	}

	private void start(WebSocketSession session, String environmentId, LogsAdmission.Decision decision)
			throws Exception {
		LogsRequest request = decision.request();
		int partition = decision.partition();
		List<LogLine> lines = List.of();
		HistoryQuery since = null;
		Cursor after;
		if (request.resume() != null) {
			after = request.resume();
			this.metrics.resume("resumed");
		}
		else {
			if (request.since() != null) {
				since = new HistoryQuery(environmentId, request.stream(), null, request.since(), null,
						this.properties.maxTail());
				lines = this.history.read(since);
			}
			else {
				lines = this.history.tail(environmentId, request.stream(), request.tail());
			}
			if (!lines.isEmpty()) {
				after = Positions.before(lines.get(0).cursor());
			}
			else if (request.since() != null) {
				// nothing stored yet (persistence lags or is down): replay from Kafka by record time
				after = Positions.before(partition, this.kafka.offsetForTime(partition, request.since()));
			}
			else {
				after = Positions.before(partition, this.kafka.endOffset(partition));
			}
		}
		LineFilter filter = LineFilter.ALL.withStream(request.stream());
		Subscription subscription = new Subscription(session.getId(), environmentId, partition, request.follow(),
				decision.lease(), filter, this.properties.sendQueueLines(), after);
		this.subscriptions.put(session.getId(), subscription);
		this.outbox.register(subscription, session);
		Consumer<CloseStatus> close = (status) -> {
			subscription.markClosed();
			this.outbox.close(subscription, status);
		};
		this.heartbeats.track(session, () -> {
			subscription.ping();
			this.outbox.kick(subscription);
		}, close);
		this.access.watch(session, decision.admitted(), close);
		this.metrics.endpoint().opened();
		this.fanout.catchUp(subscription, subscription.generation(), new CatchUpReaders.Start(lines, since, null));
	}

	private void reject(WebSocketSession session, int code, String reason) {
		this.metrics.endpoint().closedWith(code);
		JoiningTextWebSocketHandler.closeQuietly(session, new CloseStatus(code, reason));
	}

	/** Handles a client message; returns a close status for a protocol violation. */
	@Override
	public CloseStatus message(WebSocketSession session, String text) {
		Subscription subscription = this.subscriptions.get(session.getId());
		if (subscription == null) {
			return null;
		}
		this.metrics.endpoint().received();
		ClientMessage message;
		try {
			message = ClientMessage.parse(text);
		}
		catch (IllegalArgumentException ex) {
			return new CloseStatus(1008, ex.getMessage());
		}
		if (message instanceof ClientMessage.Pause) {
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
		return null;
	}

	private void resume(Subscription subscription, boolean fromLive) {
		String gap = null;
		Cursor from = null;
		if (fromLive) {
			try {
				long end = this.kafka.endOffset(subscription.partition);
				from = Positions.before(subscription.partition, end);
				Cursor delivered = subscription.delivered();
				if (from != null && delivered != null && from.compareTo(delivered) > 0) {
					gap = FrameEncoder.gap(delivered, new Cursor(subscription.partition, end, 0), "skipped");
				}
			}
			catch (Exception ex) {
				subscription.control(Frame.control(FrameEncoder.error("unavailable",
						"cannot find the live tail now; resumed from the last line instead")));
				from = null;
			}
		}
		long generation = subscription.resume(from);
		if (generation >= 0) {
			this.fanout.catchUp(subscription, generation, new CatchUpReaders.Start(List.of(), null, gap));
		}
	}

	private void filter(Subscription subscription, ClientMessage.Filter message) {
		LineFilter filter = subscription.filter();
		if (message.stream() != null) {
			filter = filter.withStream(LineFilter.stream(message.stream()));
		}
		if (message.grep() != null) {
			if (message.grep().isEmpty()) {
				filter = filter.withGrep(null);
			}
			else {
				try {
					filter = filter.withGrep(GrepPattern.compile(message.grep(), this.properties.grepMaxChars()));
				}
				catch (IllegalArgumentException ex) {
					subscription.control(Frame.control(FrameEncoder.error("invalid_regex", ex.getMessage())));
					this.outbox.kick(subscription);
					return;
				}
			}
		}
		subscription.filter(filter);
	}

	@Override
	public void closed(WebSocketSession session, CloseStatus status) {
		Subscription subscription = this.subscriptions.remove(session.getId());
		if (subscription == null) {
			return;
		}
		subscription.markClosed();
		this.heartbeats.untrack(session);
		this.access.unwatch(session);
		this.fanout.detach(subscription);
		this.outbox.unregister(subscription);
		this.limits.release(subscription.lease);
		this.metrics.endpoint().closed(subscription.openedNanos, status.getCode());
	}

	@Override
	public void pong(WebSocketSession session) {
		this.heartbeats.pong(session);
	}

	private void closeNow(Subscription subscription, CloseStatus status) {
		this.outbox.close(subscription, status);
	}

	@Override
	public void closeAfterQueued(CloseStatus status) {
		this.subscriptions.values().forEach((subscription) -> {
			subscription.control(Frame.close(status));
			this.outbox.kick(subscription);
		});
	}

	@Override
	public int openConnections() {
		return this.subscriptions.size();
	}

	@Override
	public void closeNow(CloseStatus status) {
		this.subscriptions.values().forEach((subscription) -> closeNow(subscription, status));
	}

}
