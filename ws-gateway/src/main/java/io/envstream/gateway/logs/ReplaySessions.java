package io.envstream.gateway.logs;

import io.envstream.schemas.cursor.Cursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * What the logs endpoint does for a replaying connection (one opened with {@code speed} or
 * {@code until}): which reader feeds it, and what {@code seek}, {@code speed}, {@code pause} and
 * {@code resume} do to its {@link ReplayControls}. A bad value gets an {@code error} message and
 * the connection stays open.
 */
@Component
class ReplaySessions {

	private static final Logger logger = LoggerFactory.getLogger(ReplaySessions.class);

	private final StreamStart starts;

	private final ReplayReaders readers;

	private final LiveFanout fanout;

	private final Outbox outbox;

	ReplaySessions(StreamStart starts, ReplayReaders readers, LiveFanout fanout, Outbox outbox) {
		this.starts = starts;
		this.readers = readers;
		this.fanout = fanout;
		this.outbox = outbox;
	}

	/** Whether the subscription's next reader paces: it replays and has not joined live yet. */
	boolean paces(Subscription subscription) {
		return subscription.replay != null && !subscription.replay.hasJoinedLive();
	}

	/** Starts the paced reader of {@code generation}, which alone moves the replay's pacer from now on. */
	void start(Subscription subscription, long generation) {
		subscription.replay.readBy(generation);
		this.readers.start(subscription, generation);
	}

	/** Stops the replay clock with the delivery. */
	void pause(Subscription subscription) {
		if (subscription.replay != null) {
			subscription.replay.pause();
		}
	}

	/** Starts the replay clock again; {@code fromLive} ends the replay, the stream continues live. */
	void resume(Subscription subscription, boolean fromLive) {
		if (subscription.replay != null) {
			if (fromLive) {
				subscription.replay.joinedLive();
			}
			subscription.replay.resume();
		}
	}

	/** Applies a {@code seek} or {@code speed} message. */
	void control(Subscription subscription, ClientMessage message) {
		if (subscription.replay == null) {
			this.outbox.error(subscription, "not_a_replay", "seek and speed need a replay: connect with speed or until");
		}
		else if (message instanceof ClientMessage.Seek seek) {
			seek(subscription, seek);
		}
		else if (message instanceof ClientMessage.Speed speed) {
			speed(subscription, speed);
		}
	}

	/** Moves the replay; paused, it stays paused and its resume starts there. */
	private void seek(Subscription subscription, ClientMessage.Seek message) {
		Cursor after;
		try {
			ReplayTarget target = ReplayTarget.of(message, subscription.partition);
			after = (target.resume() != null) ? target.resume()
					: this.starts.before(subscription.environmentId, subscription.partition, target.since());
		}
		catch (IllegalArgumentException ex) {
			this.outbox.error(subscription, "invalid_seek", ex.getMessage());
			return;
		}
		catch (Exception ex) {
			logger.warn("seek of {} failed: {}", subscription.id, ex.toString());
			this.outbox.error(subscription, "unavailable", "cannot seek now, retry");
			return;
		}
		// the current reader retires first, then the pacer forgets its anchor: the retired one cannot set it again
		long generation = subscription.restart(after);
		subscription.replay.seek(generation);
		this.fanout.detach(subscription);
		if (generation >= 0) {
			this.readers.start(subscription, generation);
		}
	}

	private void speed(Subscription subscription, ClientMessage.Speed message) {
		try {
			subscription.replay.speed(ReplaySpeed.parse(message.speed()));
		}
		catch (IllegalArgumentException ex) {
			this.outbox.error(subscription, "invalid_speed", ex.getMessage());
		}
	}

}
