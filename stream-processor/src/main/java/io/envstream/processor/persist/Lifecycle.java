package io.envstream.processor.persist;

import io.envstream.schemas.avro.Status;

/**
 * Whether a status brings an environment back: a restart is a {@code running} status after the environment went
 * down ({@code exited}, {@code stopped}, {@code dead} or {@code restarting}) since it last ran. That counts a
 * restart policy's restart (die, start), {@code docker restart} (die, start, restart) and a container recreated
 * for the environment (die, destroy, create, start) once each, and a status published again (a collector's
 * restart re-announces {@code running}) not at all.
 *
 * @param down the environment went down since it last ran
 */
record Lifecycle(boolean down) {

	/** An environment of which no status was seen yet: its first {@code running} is no restart. */
	static final Lifecycle UNSEEN = new Lifecycle(false);

	/** The state after {@code status}. */
	Lifecycle next(Status status) {
		return switch (status) {
			case RUNNING -> UNSEEN;
			case EXITED, STOPPED, DEAD, RESTARTING -> new Lifecycle(true);
			case CREATED, PAUSED, REMOVED -> this;
		};
	}

	/** Whether {@code status} is a restart. */
	boolean restartedBy(Status status) {
		return this.down && status == Status.RUNNING;
	}

}
